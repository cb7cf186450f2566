import { z } from 'zod';
import { isoDateTimeSchema, uuidV7Schema } from '../api/common';
import { paymentRequestSchema } from '../api/payments';
import type { ApiRouteName } from '../api/routes';
import { transactionEnvelopeSchema, type TransactionType } from '../api/transactions';

/** A security alert waiting for the API ({ name, at, severity?, ...details }); delivered as a security event. */
export const securityAlertSchema = z
  .object({
    name: z.string().min(1).max(100),
    at: isoDateTimeSchema,
    severity: z.enum(['info', 'warning', 'critical']).optional(),
  })
  .catchall(z.union([z.string(), z.number(), z.boolean(), z.null()]));

interface OutboxKindDef {
  /** What an item of this kind carries, as queued and sent. */
  payload: z.ZodType;
  /** The NoPOS API operation that delivers it. */
  route: Extract<
    ApiRouteName,
    'transactionBatch' | 'paymentBatch' | 'securityEvents' | 'upsertCustomer' | 'eraseCustomer' | 'sendReceiptEmail'
  >;
}

const transaction = { payload: transactionEnvelopeSchema, route: 'transactionBatch' } as const;

/**
 * Every kind of item the outbox may hold: its payload and the API route that delivers it. An area
 * queues only kinds it declares from this table; delivery routes by it; a queued item of a kind not
 * in it stops the terminal at start-up instead of being dropped (see storage/outbox.ts).
 */
export const OUTBOX_KINDS = {
  shift_open: transaction,
  sale: transaction,
  refund: transaction,
  void: transaction,
  paid_in: transaction,
  paid_out: transaction,
  settlement: transaction,
  shift_close: transaction,
  payment: { payload: paymentRequestSchema, route: 'paymentBatch' },
  security_alert: { payload: securityAlertSchema, route: 'securityEvents' },
  // The customers area's: they name a customer only; the request is built from its tables at delivery.
  'customer.upsert': { payload: z.object({ customerId: uuidV7Schema }).strict(), route: 'upsertCustomer' },
  'customer.erasure': {
    payload: z.object({ customerId: uuidV7Schema, requestedAt: isoDateTimeSchema, erasedAt: isoDateTimeSchema }).strict(),
    route: 'eraseCustomer',
  },
  'receipt.email': {
    payload: z.object({ customerId: uuidV7Schema, receiptNumber: z.string().min(1).max(60) }).strict(),
    route: 'sendReceiptEmail',
  },
} as const satisfies Record<TransactionType, OutboxKindDef> & Record<string, OutboxKindDef>;

export type OutboxKind = keyof typeof OUTBOX_KINDS;
export type OutboxRoute = (typeof OUTBOX_KINDS)[OutboxKind]['route'];
export type OutboxPayload<K extends OutboxKind> = z.input<(typeof OUTBOX_KINDS)[K]['payload']>;

export function isOutboxKind(kind: string): kind is OutboxKind {
  return Object.hasOwn(OUTBOX_KINDS, kind);
}

/** The API route of a kind; null for a kind this version does not know. */
export function outboxRouteOf(kind: string): OutboxRoute | null {
  return isOutboxKind(kind) ? OUTBOX_KINDS[kind].route : null;
}
