import type { z } from 'zod';
import type { PaymentRecord, TransactionRecord, paymentRequestSchema, transactionEnvelopeSchema } from '../../shared/api';
import type { SandboxDb } from './database';
import { fingerprint, newId } from './ids';

type Envelope = z.output<typeof transactionEnvelopeSchema>;
type PaymentInput = z.output<typeof paymentRequestSchema>;
type Decline = PaymentRecord['declineCode'];

interface TxnRow {
  id: string;
  terminal_id: string;
  client_id: string;
  type: string;
  terminal_sequence: number | null;
  occurred_at: string;
  currency: string;
  total_minor: number;
  fingerprint: string;
  received_at: string;
}
interface PayRow {
  id: string;
  terminal_id: string;
  client_id: string;
  transaction_client_id: string;
  amount_minor: number;
  currency: string;
  brand: string;
  last4: string;
  entry_mode: string;
  offline: number;
  captured_at: string;
  status: string;
  decline_code: string | null;
  received_at: string;
}

export type RecordOutcome = { status: 'created' | 'duplicate'; transaction: TransactionRecord } | { status: 'conflict' };

const toTransaction = (r: TxnRow): TransactionRecord => ({
  id: r.id,
  terminalId: r.terminal_id,
  clientId: r.client_id,
  type: r.type as TransactionRecord['type'],
  terminalSequence: r.terminal_sequence,
  occurredAt: r.occurred_at,
  currency: r.currency,
  totalMinor: r.total_minor,
  receivedAt: r.received_at,
});

const toPayment = (r: PayRow): PaymentRecord => ({
  id: r.id,
  terminalId: r.terminal_id,
  clientId: r.client_id,
  transactionClientId: r.transaction_client_id,
  amountMinor: r.amount_minor,
  currency: r.currency,
  capturedAt: r.captured_at,
  offline: r.offline === 1,
  receivedAt: r.received_at,
  card: { brand: r.brand as PaymentRecord['card']['brand'], last4: r.last4, entryMode: r.entry_mode as PaymentRecord['card']['entryMode'] },
  status: r.status as PaymentRecord['status'],
  declineCode: r.decline_code as Decline,
});

/** Received transactions and payments. A client id is stored once per terminal, whatever the idempotency key. */
export class Ledger {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  /** `duplicate` when the same client id arrived before with the same content; `conflict` when the content differs. */
  recordTransaction(terminalId: string, envelope: Envelope): RecordOutcome {
    const print = fingerprint(envelope);
    const existing = this.db
      .prepare('SELECT * FROM transactions WHERE terminal_id = ? AND client_id = ?')
      .get(terminalId, envelope.clientId) as TxnRow | undefined;
    if (existing)
      return existing.fingerprint === print ? { status: 'duplicate', transaction: toTransaction(existing) } : { status: 'conflict' };
    const row: TxnRow & { body: string } = {
      id: newId('txn'),
      terminal_id: terminalId,
      client_id: envelope.clientId,
      type: envelope.type,
      terminal_sequence: envelope.terminalSequence,
      occurred_at: envelope.occurredAt,
      currency: envelope.currency,
      total_minor: envelope.totalMinor,
      body: JSON.stringify(envelope.body),
      fingerprint: print,
      received_at: this.now().toISOString(),
    };
    this.db
      .prepare(
        'INSERT INTO transactions VALUES (@id, @terminal_id, @client_id, @type, @terminal_sequence, @occurred_at, @currency, @total_minor, @body, @fingerprint, @received_at)',
      )
      .run(row);
    return { status: 'created', transaction: toTransaction(row) };
  }

  transaction(terminalId: string, clientId: string): TransactionRecord | null {
    const row = this.db.prepare('SELECT * FROM transactions WHERE terminal_id = ? AND client_id = ?').get(terminalId, clientId) as
      TxnRow | undefined;
    return row ? toTransaction(row) : null;
  }

  recentTransactions(limit = 100): TransactionRecord[] {
    return (this.db.prepare('SELECT * FROM transactions ORDER BY received_at DESC, id LIMIT ?').all(limit) as TxnRow[]).map(toTransaction);
  }

  countTransactions(terminalId?: string): number {
    const sql = terminalId ? 'SELECT count(*) AS n FROM transactions WHERE terminal_id = ?' : 'SELECT count(*) AS n FROM transactions';
    return (this.db.prepare(sql).get(...(terminalId ? [terminalId] : [])) as { n: number }).n;
  }

  /** Stores the payment with its outcome; the token itself is never kept. Null when its client id was blocked by a reversal. */
  recordPayment(
    terminalId: string,
    input: PaymentInput,
    outcome: { status: PaymentRecord['status']; declineCode: Decline },
  ): { created: boolean; payment: PaymentRecord } | null {
    const existing = this.payment(terminalId, input.clientId);
    if (existing) return { created: false, payment: existing };
    if (this.db.prepare('SELECT 1 FROM payment_blocks WHERE terminal_id = ? AND client_id = ?').get(terminalId, input.clientId))
      return null;
    const row: PayRow = {
      id: newId('pay'),
      terminal_id: terminalId,
      client_id: input.clientId,
      transaction_client_id: input.transactionClientId,
      amount_minor: input.amountMinor,
      currency: input.currency,
      brand: input.card.brand,
      last4: input.card.last4,
      entry_mode: input.card.entryMode,
      offline: input.offline ? 1 : 0,
      captured_at: input.capturedAt,
      status: outcome.status,
      decline_code: outcome.declineCode,
      received_at: this.now().toISOString(),
    };
    this.db
      .prepare(
        'INSERT INTO payments VALUES (@id, @terminal_id, @client_id, @transaction_client_id, @amount_minor, @currency, @brand, @last4, @entry_mode, @offline, @captured_at, @status, @decline_code, @received_at)',
      )
      .run(row);
    return { created: true, payment: toPayment(row) };
  }

  payment(terminalId: string, clientId: string): PaymentRecord | null {
    const row = this.db.prepare('SELECT * FROM payments WHERE terminal_id = ? AND client_id = ?').get(terminalId, clientId) as
      PayRow | undefined;
    return row ? toPayment(row) : null;
  }

  /** Marks an approved payment declined after forwarding; null when there is no such approved payment. */
  declineAfterForward(
    paymentId: string,
    declineCode: 'card_declined' | 'insufficient_funds',
  ): (PaymentRecord & { storeId: string }) | null {
    const row = this.db
      .prepare("UPDATE payments SET status = 'declined_after_forward', decline_code = ? WHERE id = ? AND status = 'approved' RETURNING *")
      .get(declineCode, paymentId) as PayRow | undefined;
    if (!row) return null;
    const { store_id } = this.db.prepare('SELECT store_id FROM terminals WHERE id = ?').get(row.terminal_id) as { store_id: string };
    return { ...toPayment(row), storeId: store_id };
  }

  /**
   * Voids an approved payment (`reversed`); anything else is `not_charged`, and a client id never
   * received is blocked so a late request with it cannot charge. Asking again answers the same.
   */
  reversePayment(terminalId: string, clientId: string): { outcome: 'reversed' | 'not_charged'; payment: PaymentRecord | null } {
    return this.db.transaction(() => {
      const updated = this.db
        .prepare("UPDATE payments SET status = 'reversed' WHERE terminal_id = ? AND client_id = ? AND status = 'approved' RETURNING *")
        .get(terminalId, clientId) as PayRow | undefined;
      if (updated) return { outcome: 'reversed' as const, payment: toPayment(updated) };
      const existing = this.payment(terminalId, clientId);
      if (existing)
        return { outcome: existing.status === 'reversed' ? ('reversed' as const) : ('not_charged' as const), payment: existing };
      this.db.prepare('INSERT OR IGNORE INTO payment_blocks VALUES (?, ?, ?)').run(terminalId, clientId, this.now().toISOString());
      return { outcome: 'not_charged' as const, payment: null };
    })();
  }

  recentPayments(limit = 100): PaymentRecord[] {
    return (this.db.prepare('SELECT * FROM payments ORDER BY received_at DESC, id LIMIT ?').all(limit) as PayRow[]).map(toPayment);
  }
}
