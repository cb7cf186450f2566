import { randomUUID } from 'node:crypto';
import { isOutboxKind, type OutboxKind, type OutboxPayload } from '../../../shared/domain/outbox-kinds';
import { StartupError } from '../errors/startup-error';
import type { Db } from './db';
import type { Tx } from './transaction';

/** One item to queue: a declared kind with its payload (see shared/domain/outbox-kinds.ts). */
export type OutboxItem<K extends OutboxKind = OutboxKind> = { [P in K]: { clientId: string; kind: P; payload: OutboxPayload<P> } }[K];

/** What an area is handed: enqueue, inside its own transaction, only the kinds it declared. */
export interface OutboxWriter<K extends OutboxKind> {
  enqueue(tx: Tx, item: OutboxItem<K>): number;
}

export class UndeclaredOutboxKindError extends Error {
  override readonly name = 'UndeclaredOutboxKindError';
  constructor(kind: string) {
    super(`Outbox kind "${kind}" is not declared by this writer; nothing was queued.`);
  }
}

export class UnknownOutboxKindError extends StartupError {
  constructor(filePath: string, kinds: readonly { kind: string; n: number }[]) {
    super(
      'Queued items this version cannot send',
      `The database at ${filePath} holds queued items of kinds this version of NoPOS Terminal does not know ` +
        `(${kinds.map((k) => `${k.n} of "${k.kind.slice(0, 40)}"`).join(', ')}). Nothing was changed. ` +
        'Install again the version that queued them, or contact NoPOS support. Do not delete the file.',
    );
  }
}

/**
 * A database may hold items queued by another version. An item this version cannot route must not be
 * dropped or refused behind anyone's back: the terminal does not start, and says why.
 */
export function assertKnownOutboxKinds(db: Db, filePath: string): void {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get()) return;
  const rows = db
    .prepare("SELECT kind, count(*) AS n FROM outbox WHERE status IN ('queued', 'sending') GROUP BY kind ORDER BY kind")
    .all() as { kind: string; n: number }[];
  const unknown = rows.filter((r) => !isOutboxKind(r.kind));
  if (unknown.length) throw new UnknownOutboxKindError(filePath, unknown);
}

/** A security alert for the API, queued like any other item (its id is the API's event id). */
export function securityAlertItem(payload: OutboxPayload<'security_alert'>): OutboxItem<'security_alert'> {
  return { clientId: `alert-${randomUUID()}`, kind: 'security_alert', payload };
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

  /** Enqueues as part of the caller's transaction: the change and its entry commit together or not at all. */
  enqueue(_tx: Tx, item: OutboxItem): number {
    if (!isOutboxKind(item.kind)) throw new UndeclaredOutboxKindError(item.kind);
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

  /** The writer an area gets: only the kinds it declares, checked by type and at run time. */
  writer<K extends OutboxKind>(kinds: readonly K[]): OutboxWriter<K> {
    const declared: ReadonlySet<string> = new Set(kinds);
    return {
      enqueue: (tx, item) => {
        if (!declared.has(item.kind)) throw new UndeclaredOutboxKindError(item.kind);
        return this.enqueue(tx, item as OutboxItem);
      },
    };
  }

  /** Sync listens, to deliver a new item soon instead of at its next poll. */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pendingCount(): number {
    return (this.countPending.get() as { n: number }).n;
  }
}
