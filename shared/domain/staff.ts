import { z } from 'zod';
import { PERMISSIONS, type Permission } from './permissions';
import { freeText } from './free-text';

export const ROLES = ['cashier', 'manager', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const CASHIER: readonly Permission[] = ['read:products', 'create:transactions'];
const MANAGER: readonly Permission[] = [
  ...CASHIER,
  'read:reports',
  'refund:transactions',
  'void:transactions',
  'apply:discounts',
  'open:drawer',
  'approve:overrides',
  'manage:customers',
];

/** The roles table: the main process checks every channel against it; the renderer only hides buttons. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  cashier: CASHIER,
  manager: MANAGER,
  // `*`: every permission there is, including staff and settings.
  admin: PERMISSIONS,
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = { cashier: 'Cashier', manager: 'Manager', admin: 'Admin' };

export const staffIdSchema = z.string().regex(/^st_[a-z0-9]{12}$/, 'a staff id');
export const staffNameSchema = freeText({ min: 1, minMessage: 'a name', max: 60 });
/** Sign-in takes any 4–8 digits; a new PIN must also match the policy's length and not be trivial. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

export const staffSummarySchema = z.object({ id: staffIdSchema, name: staffNameSchema, role: roleSchema, active: z.boolean() }).strict();
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const SESSION_STATES = ['setup_required', 'signed_out', 'signed_in', 'locked'] as const;

export const sessionViewSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('setup_required'), pinLength: z.number().int() }).strict(),
  z.object({ state: z.literal('signed_out'), pinLength: z.number().int() }).strict(),
  z
    .object({
      state: z.literal('signed_in'),
      staff: staffSummarySchema,
      permissions: z.array(z.string()),
      pinLength: z.number().int(),
      autoLockMinutes: z.number().int(),
    })
    .strict(),
  z
    .object({
      state: z.literal('locked'),
      /** Who was signed in: they, or a manager, can unlock and carry on. */
      lockedStaff: staffSummarySchema,
      reason: z.enum(['manual', 'idle', 'os_lock']),
      pinLength: z.number().int(),
    })
    .strict(),
]);
export type SessionView = z.infer<typeof sessionViewSchema>;

export const signInResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('signed_in'), session: sessionViewSchema }).strict(),
  z.object({ outcome: z.literal('wrong_pin'), attemptsLeft: z.number().int().nonnegative() }).strict(),
  z.object({ outcome: z.literal('locked_out'), retryAfterSeconds: z.number().int().positive() }).strict(),
  z.object({ outcome: z.literal('terminal_throttled'), retryAfterSeconds: z.number().int().positive() }).strict(),
  z.object({ outcome: z.literal('not_allowed'), message: z.string() }).strict(),
  /** PCI sign-in mode: an admin also gives their passphrase; `firstTime`: the one given now becomes it. */
  z.object({ outcome: z.literal('passphrase_required'), firstTime: z.boolean() }).strict(),
]);
export type SignInResult = z.infer<typeof signInResultSchema>;

export const approvalResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approved'), expiresInSeconds: z.number().int().positive() }).strict(),
  z.object({ outcome: z.literal('wrong_pin'), attemptsLeft: z.number().int().nonnegative() }).strict(),
  z.object({ outcome: z.literal('locked_out'), retryAfterSeconds: z.number().int().positive() }).strict(),
  z.object({ outcome: z.literal('terminal_throttled'), retryAfterSeconds: z.number().int().positive() }).strict(),
  z.object({ outcome: z.literal('not_allowed'), message: z.string() }).strict(),
]);
export type ApprovalResult = z.infer<typeof approvalResultSchema>;
