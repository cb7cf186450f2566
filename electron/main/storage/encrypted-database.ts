import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';
import type { Keychain } from '../secrets/keychain';
import { DatabaseCorruptError, DatabaseIncompleteError, DatabaseKeyMissingError, DatabaseKeyWrongError } from './storage-errors';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export function newDatabaseKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * SQLCipher v4 with a raw 256-bit key: no key derivation on every open, and the key lives only
 * in the OS keychain. Returns null when the key does not open the file (SQLite says "not a
 * database"), without having written anything to it.
 */
/** How the database is opened beyond its file: the native module to load (storage/native-binding.ts). */
export interface OpenOptions {
  nativeBinding?: string;
}

function tryOpen(filePath: string, key: string, mustExist: boolean, options: OpenOptions = {}): Db | null {
  if (!KEY_PATTERN.test(key)) return null;
  const db = new Database(filePath, {
    fileMustExist: mustExist,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${key}'"`);
    // PRAGMA key succeeds for any key; the first real read is what proves it.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return null;
    throw error;
  }
  return db;
}

/**
 * The database and its companions are the owner's alone. SQLite creates `-wal`, `-shm` and `-journal`
 * with the main file's mode, so a main file created 0600 keeps them 0600 too; files left 0644 by an
 * older version are tightened once the key has proven the file is ours.
 */
const DB_FILE_MODE = 0o600;

function createPrivateFile(filePath: string): void {
  closeSync(openSync(filePath, 'wx', DB_FILE_MODE));
}

function restrictModes(filePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(filePath + suffix)) chmodSync(filePath + suffix, DB_FILE_MODE);
  }
}

function applyDurability(db: Db): void {
  db.pragma('journal_mode = WAL');
  // A sale the terminal acknowledged must survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, not left in free space: an erased customer is really gone.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Opens (or on first run creates) the terminal's encrypted database.
 * - New file: a fresh random key is stored in the keychain first, then the file is created.
 * - Existing file: its key must be in the keychain and must open it; otherwise a typed
 *   StartupError says how to recover. An existing file is never re-keyed, deleted or overwritten here.
 * - An interrupted key rotation (see rotateDatabaseKey) is finished: the pending key is tried and promoted.
 */
export async function openEncryptedDatabase(filePath: string, keychain: Keychain, options: OpenOptions = {}): Promise<Db> {
  mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const exists = existsSync(filePath);
  let key = await keychain.get('database-key');
  const pending = await keychain.get('database-key-next');

  if (!exists) {
    // A journal or WAL without its database is the remains of one, not a first run.
    if (existsSync(`${filePath}-wal`) || existsSync(`${filePath}-journal`)) throw new DatabaseIncompleteError(filePath);
    if (!key) {
      key = newDatabaseKey();
      await keychain.set('database-key', key);
      if ((await keychain.get('database-key')) !== key) throw new DatabaseKeyMissingError(filePath);
    }
    // An empty file is a new database to SQLite: creating it here is what sets its mode.
    createPrivateFile(filePath);
    const db = tryOpen(filePath, key, true, options);
    if (!db) throw new DatabaseKeyWrongError(filePath);
    applyDurability(db);
    restrictModes(filePath);
    return db;
  }

  if (!key && !pending) throw new DatabaseKeyMissingError(filePath);
  let db = key ? tryOpen(filePath, key, true, options) : null;
  if (db) {
    if (pending) await keychain.delete('database-key-next');
  } else if (pending && (db = tryOpen(filePath, pending, true, options))) {
    await keychain.set('database-key', pending);
    await keychain.delete('database-key-next');
  } else {
    throw new DatabaseKeyWrongError(filePath);
  }
  restrictModes(filePath);
  applyDurability(db);
  if (db.pragma('quick_check', { simple: true }) !== 'ok') {
    db.close();
    throw new DatabaseCorruptError(filePath);
  }
  return db;
}

/**
 * Re-encrypts the database under a new random key. The new key is parked in the keychain before
 * the rekey and promoted after it, so a crash at any point leaves a key that opens the file.
 * The rekey runs with journal_mode=DELETE: rekeying under WAL corrupts files in this library version.
 */
const rotating = new WeakSet<Db>();

export async function rotateDatabaseKey(db: Db, keychain: Keychain): Promise<void> {
  // One rotation at a time: two overlapping ones could leave the file under a key nobody kept.
  if (rotating.has(db)) throw new Error('A key rotation is already running.');
  rotating.add(db);
  try {
    await rotate(db, keychain);
  } finally {
    rotating.delete(db);
  }
}

async function rotate(db: Db, keychain: Keychain): Promise<void> {
  if (await keychain.get('database-key-next'))
    throw new Error('An unfinished key rotation is pending: restart the terminal to complete it first.');
  const next = newDatabaseKey();
  await keychain.set('database-key-next', next);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.pragma(`rekey="x'${next}'"`);
  } finally {
    db.pragma('journal_mode = WAL');
  }
  await keychain.set('database-key', next);
  await keychain.delete('database-key-next');
}
