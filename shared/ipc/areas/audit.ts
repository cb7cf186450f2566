import { z } from 'zod';
import { auditVerificationSchema } from '../../domain/audit';
import { channel } from '../contract-kit';

export const auditChannels = {
  verify: channel({
    request: z.undefined(),
    response: auditVerificationSchema,
    access: 'read:audit',
    rateLimit: { burst: 3, perSecond: 0.2 },
  }),
};
