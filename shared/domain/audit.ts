import { z } from 'zod';
import { moneySchema } from './money';

/** Everything the audit trail records. Later features add their action here, nowhere else. */
export const AUDIT_ACTIONS = [
  'staff.sign_in',
  'staff.sign_in_failed',
  'staff.locked_out',
  'staff.sign_out',
  'staff.session_locked',
  'staff.created',
  'staff.changed',
  'override.approved',
  'sale.completed',
  'sale.voided',
  'sale.discounted',
  'sale.line_removed',
  'sale.cleared',
  'refund.issued',
  'drawer.opened',
  'drawer.failed',
  'device.tested',
  'sale.weight_entered',
  'shift.opened',
  'shift.closed',
  'cash.paid_in',
  'cash.paid_out',
  'receipt.printed',
  'receipt.reprinted',
  'report.printed',
  'attention.resolved',
  'catalog.imported',
  'catalog.cleared',
  'settings.changed',
  'credentials.changed',
  'database.key_rotated',
  'data.exported',
  'data.erased',
  'kiosk.exited',
  'payment.declined',
  'payment.approved_offline',
  'payment.offline_refused',
  'payment.declined_after_forward',
  'payment.resolved',
  'payment.attempt_attached',
  'payment.reversed',
  // Customers: the target is `customer:<id>` or the sale/receipt; never a name, e-mail or phone.
  'customer.created',
  'customer.changed',
  'customer.consent_given',
  'customer.consent_withdrawn',
  'customer.attached',
  'customer.detached',
  'customer.exported',
  'customer.erasure_requested',
  'customer.erased',
  'receipt.emailed',
  'retention.pruned',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/);

/** Small, flat, typed details only: there is no place in an audit row for a free-form blob. */
export const auditDetailsSchema = z.record(
  z.string().regex(/^[a-zA-Z][\w.]{0,39}$/),
  z.union([z.string().max(200), z.number().int(), z.boolean(), z.null()]),
);

export const auditEntrySchema = z
  .object({
    action: auditActionSchema,
    actorId: idSchema.nullable(),
    approverId: idSchema.optional(),
    target: z.string().min(1).max(200).optional(),
    amount: moneySchema.optional(),
    details: auditDetailsSchema.optional(),
  })
  .strict();
export type AuditEntry = z.input<typeof auditEntrySchema>;

export const auditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int().nonnegative(), checkedAt: z.iso.datetime() }).strict(),
  z
    .object({
      ok: z.literal(false),
      entries: z.number().int().nonnegative(),
      checkedAt: z.iso.datetime(),
      brokenAt: z.number().int().positive(),
      problem: z.enum(['hash_mismatch', 'broken_link', 'missing_row', 'head_mismatch']),
    })
    .strict(),
]);
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
