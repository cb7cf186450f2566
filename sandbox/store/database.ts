import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { SCHEMA } from './schema';

export type SandboxDb = Database.Database;
export const DB_FILE = 'sandbox.db';

/** Opens (creating) the sandbox's state; `reset` deletes it first. Unencrypted: it holds test data only. */
export function openSandboxDb(dataDir: string, options: { reset?: boolean } = {}): SandboxDb {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DB_FILE);
  if (options.reset) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // It holds every terminal's event-signing secret: owner only, also in a folder that already existed.
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  // A data folder from before stores had an address.
  const storeColumns = db.prepare('PRAGMA table_info(stores)').all() as { name: string }[];
  if (!storeColumns.some((c) => c.name === 'address')) db.exec("ALTER TABLE stores ADD COLUMN address TEXT NOT NULL DEFAULT ''");
  return db;
}

/** The next value of the one change counter every pull cursor is measured against. */
export function nextSeq(db: SandboxDb): number {
  const row = db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq' RETURNING value").get() as {
    value: string;
  };
  return Number(row.value);
}
