import { z } from 'zod';
import { appStatusSchema } from '../../domain/app-status';
import { channel } from '../contract-kit';

export const appChannels = {
  getStatus: channel({
    request: z.undefined(),
    response: appStatusSchema,
    access: 'public',
  }),
};
