import type { Db } from './db';
import { replayableWriteTransaction, writeTransaction, type Tx } from './transaction';
import type { NeedsAttention } from './needs-attention';

export interface PendingItem {
  seq: number;
  clientId: string;
  kind: string;
  payloadJson: string;
  createdAt: string;
  attempts: number;
  /** When its idempotency key was first used; null if never offered. */
  firstSentAt: string | null;
}

interface Row {
  seq: number;
  client_id: string;
  kind: string;
  payload_json: string;
  created_at: string;
  attempts: number;
  first_sent_at: string | null;
}

const toPending = (r: Row): PendingItem => ({
  seq: r.seq,
  clientId: r.client_id,
  kind: r.kind,
  payloadJson: r.payload_json,
  createdAt: r.created_at,
  attempts: r.attempts,
  firstSentAt: r.first_sent_at,
});

/** Removes the payment token of a row the API confirmed (migration 0007 did the same for older rows). */
const BLANK_SENT_TOKEN =
  "UPDATE outbox SET payload_json = json_remove(payload_json, '$.paymentToken') WHERE seq = ? AND status = 'sent' AND json_type(payload_json, '$.paymentToken') = 'text'";

/**
 * The delivery side of the outbox: what to send next, in order, and what the API said. An item
 * leaves the queue only as `sent` (confirmed by the API) or `rejected` (moved to needs-attention in
 * the same transaction); confirmed rows are kept until the retention period has passed.
 */
export class OutboxQueue {
  private readonly pending;
  private readonly offer;
  private readonly firstOffer;
  private readonly confirmRow;
  private readonly blankToken;
  private readonly confirmDelivery;
  private readonly rejectRow;
  private readonly errorRow;
  private readonly stats;
  private readonly pendingOfKind;

  constructor(
    private readonly db: Db,
    private readonly needsAttention: NeedsAttention,
    private readonly now: () => Date,
  ) {
    // INDEXED BY: on (status, seq) the planner would read and sort every waiting row, payload and all,
    // to find the oldest; without the index (migration 14) this fails at start-up, never slowly.
    this.pending = db.prepare(
      `SELECT o.seq, o.client_id, o.kind, o.payload_json, o.created_at, o.attempts, d.first_sent_at
       FROM outbox o INDEXED BY outbox_waiting LEFT JOIN outbox_delivery d ON d.seq = o.seq
       WHERE o.status IN ('queued', 'sending') ORDER BY o.seq LIMIT ?`,
    );
    this.pendingOfKind = db.prepare(
      `SELECT o.seq, o.client_id, o.kind, o.payload_json, o.created_at, o.attempts, d.first_sent_at
       FROM outbox o LEFT JOIN outbox_delivery d ON d.seq = o.seq
       WHERE o.kind = ? AND o.status IN ('queued', 'sending') ORDER BY o.seq LIMIT ?`,
    );
    this.offer = db.prepare(
      "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE seq = ? AND status IN ('queued', 'sending')",
    );
    this.firstOffer = db.prepare('INSERT INTO outbox_delivery (seq, first_sent_at) VALUES (?, ?) ON CONFLICT (seq) DO NOTHING');
    // A confirmation records its attempt in the same two statements (the common path, 100 per batch).
    // A payment token charges the card: once the API confirmed the payment it has no use here, and a
    // sent row is kept 30 days. The sale keeps the token's fingerprint.
    this.blankToken = db.prepare(BLANK_SENT_TOKEN);
    this.confirmRow = db.prepare(
      "UPDATE outbox SET status = 'sent', attempts = attempts + 1, updated_at = ?, last_error = NULL WHERE seq = ? AND status IN ('queued', 'sending')",
    );
    this.confirmDelivery = db.prepare(
      'INSERT INTO outbox_delivery (seq, first_sent_at, confirmed_at, server_id) VALUES (?, ?, ?, ?) ON CONFLICT (seq) DO UPDATE SET confirmed_at = excluded.confirmed_at, server_id = excluded.server_id',
    );
    this.rejectRow = db.prepare(
      "UPDATE outbox SET status = 'rejected', updated_at = ?, last_error = ? WHERE seq = ? AND status IN ('queued', 'sending')",
    );
    this.errorRow = db.prepare('UPDATE outbox SET last_error = ? WHERE seq = ?');
    // Counted on the (status, seq) index alone; the oldest is the first in queue order (asked on every
    // status change, so it must not read every waiting row).
    this.stats = db.prepare(
      `SELECT (SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')) AS n,
              (SELECT created_at FROM outbox INDEXED BY outbox_waiting WHERE status IN ('queued', 'sending') ORDER BY seq LIMIT 1) AS oldest,
              (SELECT created_at FROM outbox WHERE status IN ('queued', 'sending') AND kind = 'payment' ORDER BY seq LIMIT 1) AS oldest_payment`,
    );
  }

  next(limit: number): PendingItem[] {
    return (this.pending.all(limit) as Row[]).map(toPending);
  }

  /** The oldest waiting items of one kind, wherever they are in the queue. */
  nextOfKind(kind: string, limit: number): PendingItem[] {
    return (this.pendingOfKind.all(kind, limit) as Row[]).map(toPending);
  }

  /**
   * After a start, the head of the queue may have left in a request whose answer was never recorded
   * (the process died mid-request). Its idempotency window is counted from when the item was queued,
   * the earliest that request can have left, so a late resend is looked up first, never doubled.
   * One commit per start; attempts themselves are recorded with their answer (see settle).
   */
  markPossiblyOffered(items: readonly PendingItem[]): PendingItem[] {
    const unmarked = items.filter((item) => item.firstSentAt === null);
    if (unmarked.length === 0) return [...items];
    writeTransaction(this.db, () => {
      for (const item of unmarked) this.firstOffer.run(item.seq, item.createdAt);
    });
    return items.map((item) => (item.firstSentAt === null ? { ...item, firstSentAt: item.createdAt } : item));
  }

  /**
   * Applies one answer in one transaction, the attempt recorded with it: confirmed items become
   * `sent`, refused ones move to needs-attention. One durable commit per request: the client id is
   * the idempotency key, so an attempt lost with a crash is safely sent again. Not waiting for the
   * disk (replayableWriteTransaction): a confirmation a power cut undoes is asked again, answered
   * from the API's idempotency store or, past 24 h, by the lookup by client id.
   */
  settle(
    outcomes: {
      confirmed: { item: PendingItem; serverId: string | null }[];
      rejected: { item: PendingItem; reason: string }[];
      unanswered?: readonly PendingItem[];
    },
    sentAt?: string,
  ): void {
    const at = this.now().toISOString();
    replayableWriteTransaction(this.db, (tx) => {
      for (const { item, serverId } of outcomes.confirmed) {
        this.confirmRow.run(at, item.seq);
        this.blankToken.run(item.seq);
        this.confirmDelivery.run(item.seq, sentAt ?? at, at, serverId);
      }
      for (const { item, reason } of outcomes.rejected) {
        this.recordAttempt(item, sentAt ?? at, at);
        this.reject(tx, item, reason);
      }
      // Sent, but the answer said nothing usable about them: they stay queued, their key known used.
      for (const item of outcomes.unanswered ?? []) this.recordAttempt(item, sentAt ?? at, at);
    });
  }

  private recordAttempt(item: PendingItem, sentAt: string, at: string): void {
    this.offer.run(at, item.seq);
    this.firstOffer.run(item.seq, sentAt);
  }

  reject(tx: Tx, item: PendingItem, reason: string): void {
    this.rejectRow.run(this.now().toISOString(), reason.slice(0, 500), item.seq);
    this.needsAttention.add(tx, { clientId: item.clientId, kind: 'rejected', itemKind: item.kind, reason });
  }

  /** A failed attempt is recorded too: it may have reached the API before the link broke. */
  noteError(items: readonly PendingItem[], message: string, sentAt: string): void {
    const at = this.now().toISOString();
    writeTransaction(this.db, () => {
      for (const item of items) {
        this.recordAttempt(item, sentAt, at);
        this.errorRow.run(message.slice(0, 500), item.seq);
      }
    });
  }

  /** How many items wait, the oldest one's time, and the oldest card payment's (the offline limit counts from it). */
  pendingStats(): { count: number; oldestCreatedAt: string | null; oldestPaymentCreatedAt: string | null } {
    const row = this.stats.get() as { n: number; oldest: string | null; oldest_payment: string | null };
    return { count: row.n, oldestCreatedAt: row.oldest, oldestPaymentCreatedAt: row.oldest_payment };
  }

  /** Confirmed items older than the retention period are removed; nothing unconfirmed ever is. */
  purgeConfirmed(retentionMs: number): number {
    const before = new Date(this.now().getTime() - retentionMs).toISOString();
    return this.db.prepare("DELETE FROM outbox WHERE status = 'sent' AND updated_at < ?").run(before).changes;
  }

  /** Every unsynced item, for an admin's export before the terminal is signed out of its store. */
  unsynced(): { seq: number; clientId: string; kind: string; status: string; createdAt: string; payload: unknown }[] {
    const rows = this.db
      .prepare("SELECT seq, client_id, kind, status, created_at, payload_json FROM outbox WHERE status <> 'sent' ORDER BY seq")
      .all() as {
      seq: number;
      client_id: string;
      kind: string;
      status: string;
      created_at: string;
      payload_json: string;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      clientId: r.client_id,
      kind: r.kind,
      status: r.status,
      createdAt: r.created_at,
      payload: JSON.parse(r.payload_json) as unknown,
    }));
  }
}
