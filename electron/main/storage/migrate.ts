import { createHash } from 'node:crypto';
import type { Db } from './db';
import { DatabaseTooNewError } from './storage-errors';
import type { Migration } from './migrations/types';

export class QueuedDataChangedError extends Error {
  override readonly name = 'QueuedDataChangedError';
  constructor(version: number) {
    super(`Migration ${version} changed queued outbox rows; it was rolled back and nothing was changed.`);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A fingerprint of everything not yet synced: no migration may change it. */
function queuedFingerprint(db: Db, rewrite: (row: Record<string, unknown>) => Record<string, unknown> = (row) => row): string | null {
  const hasOutbox = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get();
  if (!hasOutbox) return null;
  const hash = createHash('sha256');
  // Every column of every unsynced row: a step that marked queued sales as rejected would lose them as surely as a DELETE.
  for (const row of db.prepare("SELECT * FROM outbox WHERE status <> 'sent' ORDER BY seq").iterate()) {
    hash.update(JSON.stringify(rewrite(row as Record<string, unknown>)));
  }
  return hash.digest('hex');
}

/**
 * Brings the schema up to date in one transaction: all pending migrations apply or none do.
 * A database from a newer version is refused untouched.
 */
export function migrate(db: Db, migrations: readonly Migration[], filePath: string): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps (found ${m.version} at ${i + 1})`);
  });
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(filePath, from, latest);
  if (from === latest) return { from, to: latest };

  db.transaction(() => {
    for (const migration of migrations.slice(from)) {
      const before = queuedFingerprint(db, migration.queuedRewrite?.(db));
      migration.up(db);
      if (before !== null && queuedFingerprint(db) !== before) throw new QueuedDataChangedError(migration.version);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to: latest };
}
