import { z } from 'zod';
import { pinSchema, roleSchema, sessionViewSchema, staffIdSchema, staffNameSchema, staffSummarySchema } from '../../domain/staff';
import { pinRate } from './rates';
import { channel } from '../contract-kit';

export const staffChannels = {
  /** Active staff for the sign-in picker: names and roles only. */
  list: channel({ request: z.undefined(), response: z.array(staffSummarySchema), access: 'public' }),
  listAll: channel({ request: z.undefined(), response: z.array(staffSummarySchema), access: 'manage:staff' }),
  setupFirstAdmin: channel({
    request: z.object({ name: staffNameSchema, pin: pinSchema }).strict(),
    response: sessionViewSchema,
    access: 'public',
    rateLimit: pinRate,
  }),
  create: channel({
    request: z.object({ name: staffNameSchema, role: roleSchema, pin: pinSchema }).strict(),
    response: staffSummarySchema,
    access: 'manage:staff',
    rateLimit: pinRate,
  }),
  update: channel({
    request: z.object({ id: staffIdSchema, name: staffNameSchema.optional(), role: roleSchema.optional() }).strict(),
    response: staffSummarySchema,
    access: 'manage:staff',
  }),
  resetPin: channel({
    request: z.object({ id: staffIdSchema, pin: pinSchema }).strict(),
    response: staffSummarySchema,
    access: 'manage:staff',
    rateLimit: pinRate,
  }),
  /** PCI sign-in mode: the signed-in admin changes their own passphrase, giving the current one. */
  changePassphrase: channel({
    request: z.object({ current: z.string().min(1).max(128), next: z.string().min(1).max(128) }).strict(),
    response: z.null(),
    access: 'manage:staff',
    rateLimit: pinRate,
  }),
  /** Another admin clears an admin's passphrase; that admin sets a new one at their next sign-in. */
  resetPassphrase: channel({
    request: z.object({ id: staffIdSchema }).strict(),
    response: z.null(),
    access: 'manage:staff',
    rateLimit: pinRate,
  }),
  setActive: channel({
    request: z.object({ id: staffIdSchema, active: z.boolean() }).strict(),
    response: staffSummarySchema,
    access: 'manage:staff',
  }),
};
