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
