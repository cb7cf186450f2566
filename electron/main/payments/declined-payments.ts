import { formatMinor } from '../../../shared/domain/money';
import type { DeclinedResolution } from '../../../shared/domain/card-payment';
import type { Payment } from '../../../shared/domain/sale';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import { writeTransaction, type Tx } from '../storage/transaction';
import type { Db } from '../storage/db';

/** One entry of the sync area's needs-attention list, as payments uses it. */
export interface AttentionEntry {
  id: number;
  clientId: string;
  kind: string;
  itemKind: string;
  reason: string;
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

/**
 * The seam to the sync area's needs-attention list (electron/main/storage/needs-attention.ts): entries
 * are added once per client id and kind, inside a transaction, and resolved, never deleted.
 */
export interface AttentionList {
  add(tx: Tx, input: { clientId: string; kind: 'declined_after_forward'; itemKind: 'payment'; reason: string }): AttentionEntry;
  find(clientId: string, kind: 'declined_after_forward'): AttentionEntry | null;
  get(id: number): AttentionEntry | null;
  list(options?: { includeResolved?: boolean; limit?: number }): AttentionEntry[];
  resolve(tx: Tx, id: number, by: string, resolution: string): AttentionEntry;
}

/**
 * A payment stored for forwarding that the API declined: a 402 when sync delivered it, or the API's
 * `payment.declined_after_forward` event later (shared/api/events.ts).
 */
export interface DeclinedAfterForward {
  clientId: string;
  transactionClientId: string;
  declineCode: string;
  source?: 'delivery' | 'event';
}

export interface RecordedCardPayment {
  saleId: string;
  payment: Payment;
  currency: string;
  receiptNumber: string | null;
}

/** Money a manager records as taken for a declined card payment. */
export interface DeclinedSettlement {
  paymentId: string;
  saleId: string | null;
  /** The declined payment's currency; null when it is not found on this terminal. */
  currency: string | null;
  method: 'cash' | 'card';
  amountMinor: number;
  staffId: string;
}

/**
 * The shifts area's port: money taken for a declined payment is takings of the open shift (reports,
 * drawer, API), recorded in the transaction that resolves the entry. It refuses without an open shift.
 */
export interface SettlementRecorder {
  recordSettlement(tx: Tx, settlement: DeclinedSettlement): { settlementId: string; openDrawer: () => void };
}

export interface DeclinedPaymentsDeps {
  db: Db;
  attention: AttentionList;
  audit: AuditTrail;
  findPayment: (paymentId: string) => RecordedCardPayment | null;
  /** Marks the sale's payment declined, so refunds and reports no longer count it as taken. */
  markDeclined: (tx: Tx, paymentId: string) => void;
  /** Where another tender taken for it is recorded; without it such a resolution is refused. */
  settlements?: SettlementRecorder;
}

const isDeclined = (e: AttentionEntry) => e.kind === 'declined_after_forward' && e.itemKind === 'payment';

/**
 * A card payment the processor declined after it was forwarded: the goods are gone and the store
 * carries the loss unless someone acts, so it becomes a needs-attention entry at once, and a manager
 * records what was done (another tender taken, or written off). Both steps are audited.
 */
export class DeclinedPayments {
  constructor(private readonly deps: DeclinedPaymentsDeps) {}

  /**
   * The one place a declined card payment becomes a needs-attention entry. Sync calls it (through
   * sync/payment-declines.ts) from its delivery and from its events feed, inside the transaction that
   * settles the item or applies the event: the entry is added and the decline audited, once per payment.
   */
  onDeclinedAfterForward(tx: Tx, event: DeclinedAfterForward): AttentionEntry {
    const existing = this.deps.attention.find(event.clientId, 'declined_after_forward');
    if (existing) return existing;
    const known = this.deps.findPayment(event.clientId);
    const what = known?.payment.card
      ? `Card payment of ${formatMinor(known.payment.amountMinor, known.currency)} ${known.currency} (${known.payment.card.brand} ending ${known.payment.card.last4}${known.receiptNumber ? `, receipt ${known.receiptNumber}` : ''})`
      : `Card payment ${event.clientId} (not found on this terminal)`;
    const entry = this.deps.attention.add(tx, {
      clientId: event.clientId,
      kind: 'declined_after_forward',
      itemKind: 'payment',
      reason: `${what} was declined after forwarding (${event.declineCode}). Take the amount another way or write it off.`,
    });
    this.deps.audit.record({
      action: 'payment.declined_after_forward',
      actorId: null,
      target: known?.saleId ?? event.transactionClientId,
      ...(known ? { amount: { minor: known.payment.amountMinor, currency: known.currency } } : {}),
      details: { paymentId: event.clientId, entryId: entry.id, code: event.declineCode, source: event.source ?? 'event' },
    });
    this.deps.markDeclined(tx, event.clientId);
    return entry;
  }

  /** The payment an entry is about, as recorded on this terminal. */
  payment(entry: AttentionEntry): RecordedCardPayment | null {
    return this.deps.findPayment(entry.clientId);
  }

  list(includeResolved: boolean): AttentionEntry[] {
    return this.deps.attention.list({ includeResolved, limit: 500 }).filter(isDeclined).reverse();
  }

  resolve(entryId: number, resolution: DeclinedResolution, managerId: string): AttentionEntry {
    const entry = this.deps.attention.get(entryId);
    if (!entry || !isDeclined(entry)) throw new AppError('not_found', 'There is no declined card payment with that entry.');
    if (entry.resolvedAt) throw new AppError('conflict', 'That declined payment was already resolved.');
    const known = this.deps.findPayment(entry.clientId);
    const currency = known?.currency ?? null;
    const text =
      resolution.kind === 'written_off'
        ? `Written off: ${resolution.reason}`
        : `Paid by ${resolution.method}${currency ? ` ${formatMinor(resolution.amountMinor, currency)} ${currency}` : ''}${resolution.note ? `: ${resolution.note}` : ''}`;
    const { settlements } = this.deps;
    if (resolution.kind === 'other_tender' && !settlements)
      throw new AppError('unavailable', 'Payments taken for declined cards cannot be recorded on this terminal yet.');
    const done = writeTransaction(this.deps.db, (tx) => {
      // The money taken is a payment of the open shift, not only words on the entry.
      const settled =
        resolution.kind === 'other_tender' && settlements
          ? settlements.recordSettlement(tx, {
              paymentId: entry.clientId,
              saleId: known?.saleId ?? null,
              currency,
              method: resolution.method,
              amountMinor: resolution.amountMinor,
              staffId: managerId,
            })
          : null;
      const resolved = this.deps.attention.resolve(tx, entryId, managerId, text);
      this.deps.audit.record({
        action: 'payment.resolved',
        actorId: managerId,
        target: known?.saleId ?? entry.clientId,
        ...(resolution.kind === 'other_tender' && currency ? { amount: { minor: resolution.amountMinor, currency } } : {}),
        details: {
          paymentId: entry.clientId,
          entryId,
          resolution: resolution.kind,
          method: resolution.kind === 'other_tender' ? resolution.method : null,
          ...(settled ? { settlementId: settled.settlementId } : {}),
        },
      });
      return { resolved, settled };
    });
    done.settled?.openDrawer();
    return done.resolved;
  }
}
