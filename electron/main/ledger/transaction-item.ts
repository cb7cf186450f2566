import type { TransactionType } from '../../../shared/api/transactions';
import type { OutboxItem } from '../storage/outbox';

/**
 * How every register record is queued for the NoPOS API (`transactionEnvelopeSchema` in shared/api):
 * the client id is the idempotency key, the terminal's document sequence (where the record has one)
 * lets the API see gaps, and the terminal itself is known to the API by its key.
 */
export function transactionItem<T extends TransactionType>(entry: {
  type: T;
  clientId: string;
  terminalSequence: number | null;
  occurredAt: string;
  currency: string;
  totalMinor: number;
  /** The register's own view of the record, sent as it is (JSON). */
  body: object;
}): OutboxItem<T> {
  const { type, clientId, body, ...rest } = entry;
  // The body's views are plain JSON data; their interfaces just do not say so to TypeScript.
  return { clientId, kind: type, payload: { clientId, type, ...rest, body: body as Record<string, never> } } as OutboxItem<T>;
}
