import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';

/**
 * A mark of everything written to the database so far: rows changed through this connection
 * (`total_changes()`) and commits by any other connection (`data_version`). Two equal marks mean
 * nothing was written in between, so what was read before the first still holds at the second.
 * Any row written (INSERT, UPDATE, DELETE, even rolled back or in an unrelated table) counts, so a mark
 * can only err towards reading again. Schema changes and pragmas do not: they run only at start-up.
 */
export type WriteMark = string;

const statements = new WeakMap<Db, { changes: Statement; version: Statement }>();

export function writeMark(db: Db): WriteMark {
  let found = statements.get(db);
  if (!found) {
    found = { changes: db.prepare('SELECT total_changes()').pluck(), version: db.prepare('PRAGMA data_version').pluck() };
    statements.set(db, found);
  }
  return `${String(found.changes.get())}:${String(found.version.get())}`;
}
