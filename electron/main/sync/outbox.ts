import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';

export interface OutboxItem {
  clientId: string;
  kind: string;
  payload: unknown;
}

/**
 * The queue of what must reach the NoPOS API, in order, exactly once (client_id is the
 * idempotency key). Callers enqueue inside the same transaction as the change it reports, so a
 * sale and its outbox entry are committed together or not at all.
 */
export class Outbox {
  private readonly insert;
  private readonly countPending;
  private readonly listeners = new Set<() => void>();
  private told = false;

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      "INSERT INTO outbox (client_id, kind, payload_json, status, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)",
    );
    this.countPending = db.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')");
  }

  enqueue(item: OutboxItem): number {
    const at = this.now().toISOString();
    const seq = Number(this.insert.run(item.clientId, item.kind, JSON.stringify(item.payload), at, at).lastInsertRowid);
    // Told after the caller's transaction had its chance to commit: sync reads the queue, never this
    // call. Once per burst: 10,000 items queued in one transaction are one nudge, not 10,000.
    if (this.listeners.size && !this.told) {
      this.told = true;
      queueMicrotask(() => {
        this.told = false;
        this.listeners.forEach((listener) => listener());
      });
    }
    return seq;
  }

  /** Sync listens, to deliver a new item soon instead of at its next poll. */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Enqueues as part of the caller's transaction: the change and its entry commit together or not at all. */
  enqueueIn(_tx: Tx, item: OutboxItem): number {
    return this.enqueue(item);
  }

  pendingCount(): number {
    return (this.countPending.get() as { n: number }).n;
  }
}
