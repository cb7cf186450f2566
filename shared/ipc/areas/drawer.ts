import { z } from 'zod';
import { channel } from '../contract-kit';

export const drawerChannels = {
  /** Records a drawer opening outside a sale (no sale, change, float, pickup). */
  open: channel({
    request: z.object({ reason: z.enum(['no_sale', 'change', 'float', 'pickup']) }).strict(),
    response: z.object({ openedAt: z.iso.datetime() }).strict(),
    access: 'open:drawer',
  }),
};
