import { z } from 'zod';
import { catalogInfoSchema, importReportSchema, productGroupSchema, productSchema } from '../../domain/catalog';
import { channel } from '../contract-kit';
import { freeText } from '../../domain/free-text';

const noRequest = z.undefined();

export const catalogChannels = {
  info: channel({ request: noRequest, response: catalogInfoSchema, access: 'read:products' }),
  /** Prefix search as the cashier types, accents folded; empty when nothing matches. */
  search: channel({
    request: z.object({ query: freeText({ min: 1, max: 60 }), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    response: z.array(productSchema),
    access: 'read:products',
    rateLimit: { burst: 30, perSecond: 20 },
  }),
  /** The tiles of one product group, in name order. */
  browse: channel({
    request: z
      .object({
        group: productGroupSchema,
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(100).default(48),
      })
      .strict(),
    response: z.array(productSchema),
    access: 'read:products',
  }),
  /** Main opens the file dialog and reads the file; the page never sees a path or a file's bytes. */
  importFile: channel({
    request: noRequest,
    response: importReportSchema,
    access: 'manage:settings',
    rateLimit: { burst: 2, perSecond: 0.1 },
  }),
  loadDemo: channel({
    request: noRequest,
    response: catalogInfoSchema,
    access: 'manage:settings',
    rateLimit: { burst: 2, perSecond: 0.1 },
  }),
  /** Removes every product (the demo catalog, say); sales keep their own copy of what they sold. */
  clear: channel({ request: noRequest, response: catalogInfoSchema, access: 'manage:settings', rateLimit: { burst: 2, perSecond: 0.1 } }),
};
