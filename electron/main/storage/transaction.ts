import type { Db } from './db';

declare const insideTransaction: unique symbol;

/**
 * Proof of being inside a write transaction. Functions that must commit together with a change
 * (an outbox entry with its sale) take one, so the rule is a type, not a comment.
 */
export interface Tx {
  readonly [insideTransaction]: true;
  readonly db: Db;
}

/** Runs `work` in one IMMEDIATE transaction: all of it commits, or none of it does. */
export function writeTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  return db.transaction(() => work({ db } as Tx)).immediate();
}

/**
 * Like writeTransaction, but its commit does not wait for the disk (WAL, `synchronous = NORMAL`):
 * it survives the process being killed, and is made durable by the next full commit or checkpoint
 * (the WAL is synced in order, so a later durable commit carries every earlier one with it); only a
 * power cut can undo it. Callers are named for why that loss is acceptable.
 */
function withoutWaitingForDisk<T>(db: Db, work: (tx: Tx) => T): T {
  // Part of a caller's transaction (a settled payment and its decline): that one's durability holds,
  // and SQLite refuses to change the sync level inside a transaction anyway.
  if (db.inTransaction) return db.transaction(() => work({ db } as Tx))();
  const previous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return writeTransaction(db, work);
  } finally {
    db.pragma(`synchronous = ${Number(previous)}`);
  }
}

/**
 * For records that can be rebuilt by asking again, such as what the NoPOS API confirmed (each item's
 * client id is its idempotency key), so the fsync never holds the main thread while a register waits.
 */
export function replayableWriteTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  return withoutWaitingForDisk(db, work);
}

/**
 * For items going into a cart no one has paid for yet, on the scan path: a power cut can undo the
 * last scans, which the cashier sees and scans again. Nothing is owed or counted before a tender, and
 * the tender's commit waits for the disk, so it makes every line of its sale durable with it.
 */
export function draftWriteTransaction<T>(db: Db, work: (tx: Tx) => T): T {
  return withoutWaitingForDisk(db, work);
}
