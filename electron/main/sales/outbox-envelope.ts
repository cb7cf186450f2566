import type { OutboxItem } from '../sync/outbox';

export type TransactionType = 'sale' | 'refund' | 'void' | 'paid_in' | 'paid_out' | 'shift_close';

/**
 * How every register record is queued for the NoPOS API (`transactionEnvelopeSchema` in shared/api):
 * the client id is the idempotency key, the terminal's document sequence (where the record has one)
 * lets the API see gaps, and the terminal itself is known to the API by its key.
 */
export function transactionItem(entry: {
  type: TransactionType;
  clientId: string;
  terminalSequence: number | null;
  occurredAt: string;
  currency: string;
  totalMinor: number;
  body: unknown;
}): OutboxItem {
  const { type, clientId, ...rest } = entry;
  return { clientId, kind: type, payload: { clientId, type, ...rest } };
}
