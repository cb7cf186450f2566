import { createHash } from 'node:crypto';
import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';

const idHash = (customerId: string) => createHash('sha256').update(`customer:${customerId}`).digest('hex');

export interface PendingErasure {
  customerId: string;
  requestedAt: string;
  requestedBy: string;
  dueAt: string;
}

/**
 * Erasure requests, held or done. Once erased only a hash of the id stays: enough to answer "already
 * erased" to a second request, not enough to find which sales the person made.
 */
export class ErasureBook {
  constructor(private readonly db: Db) {}

  wasErased(customerId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM customer_erasures WHERE id_hash = ? AND erased_at IS NOT NULL').get(idHash(customerId)) !== undefined
    );
  }

  pendingFor(customerId: string): PendingErasure | null {
    const row = this.db
      .prepare(
        'SELECT customer_id AS customerId, requested_at AS requestedAt, requested_by AS requestedBy, due_at AS dueAt FROM customer_erasures WHERE id_hash = ? AND erased_at IS NULL',
      )
      .get(idHash(customerId)) as PendingErasure | undefined;
    return row ?? null;
  }

  record(_tx: Tx, request: PendingErasure): void {
    this.db
      .prepare('INSERT INTO customer_erasures (id_hash, customer_id, requested_at, requested_by, due_at) VALUES (?, ?, ?, ?, ?)')
      .run(idHash(request.customerId), request.customerId, request.requestedAt, request.requestedBy, request.dueAt);
  }

  markErased(_tx: Tx, customerId: string, at: string): void {
    this.db.prepare('UPDATE customer_erasures SET customer_id = NULL, erased_at = ? WHERE id_hash = ?').run(at, idHash(customerId));
  }

  due(now: Date): PendingErasure[] {
    return this.db
      .prepare(
        'SELECT customer_id AS customerId, requested_at AS requestedAt, requested_by AS requestedBy, due_at AS dueAt FROM customer_erasures WHERE erased_at IS NULL AND due_at <= ? ORDER BY due_at',
      )
      .all(now.toISOString()) as PendingErasure[];
  }
}
