import { z } from 'zod';

/**
 * Every permission a staff member can hold. Channels name one of these (or `public`),
 * and the main process alone decides whether the signed-in staff member holds it.
 */
export const PERMISSIONS = [
  'read:products',
  'create:transactions',
  'read:reports',
  'refund:transactions',
  'void:transactions',
  'apply:discounts',
  'open:drawer',
  'approve:overrides',
  'manage:customers',
  'manage:staff',
  'manage:settings',
  'read:audit',
] as const;

export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

/**
 * `public` channels may be called before anyone signs in (status, sign-in itself); `signed-in`
 * ones by any staff member with an unlocked session; the rest need the named permission.
 */
export type ChannelAccess = Permission | 'public' | 'signed-in';
