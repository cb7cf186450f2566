import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/main/core/terminal-storage';
import { SECRET_NAMES, type Keychain } from '../../electron/main/secrets/keychain';
import { newDatabaseKey, openEncryptedDatabase, rotateDatabaseKey } from '../../electron/main/storage/encrypted-database';
import { migrate } from '../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../electron/main/storage/migrations';
import {
  DatabaseIncompleteError,
  DatabaseKeyMissingError,
  DatabaseKeyWrongError,
  DatabaseTooNewError,
} from '../../electron/main/storage/storage-errors';
import { openTestStorage, queueItem, realKeychain, tempDir } from '../support/storage';

const keychain = realKeychain('encrypted-database');
let scratch: ReturnType<typeof tempDir>;
let dbFile: string;

const MARKERS = {
  setting: 'MARKER-STORE-NAME-7f3a',
  audit: 'MARKER-AUDIT-TARGET-91bc',
  outbox: 'MARKER-OUTBOX-PAYLOAD-c0de',
};

function fingerprint(): Record<string, string | null> {
  return Object.fromEntries(
    ['', '-wal', '-shm', '-journal'].map((suffix) => {
      const file = dbFile + suffix;
      return [suffix || 'db', existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null];
    }),
  );
}

function plaintextHits(): string[] {
  const hits: string[] = [];
  for (const suffix of ['', '-wal', '-journal']) {
    const file = dbFile + suffix;
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const marker of Object.values(MARKERS)) {
      if (bytes.includes(Buffer.from(marker, 'utf8')) || bytes.includes(Buffer.from(marker, 'utf16le')))
        hits.push(`${marker} in ${path.basename(file)}`);
    }
  }
  return hits;
}

async function writeMarkers(): Promise<void> {
  const storage = await openTestStorage(keychain, scratch.dir);
  storage.settings.update({ store: { name: MARKERS.setting } }, 'staff-1');
  storage.audit.record({ action: 'drawer.opened', actorId: 'staff-1', target: MARKERS.audit });
  queueItem(storage, { clientId: 'sale-1', kind: 'sale', payload: { note: MARKERS.outbox } });
  // While open, the WAL holds the newest pages: it must be ciphertext too.
  expect(existsSync(`${dbFile}-wal`)).toBe(true);
  expect(plaintextHits()).toEqual([]);
  storage.close();
}

beforeEach(() => {
  scratch = tempDir('db');
  dbFile = path.join(scratch.dir, DATABASE_FILE);
});

afterEach(async () => {
  scratch.cleanup();
  for (const name of SECRET_NAMES) await keychain.delete(name);
});

afterAll(async () => {
  for (const name of SECRET_NAMES) await keychain.delete(name);
});

describe('encrypted database', () => {
  it('creates a random 256-bit key in the keychain on first run, with durable pragmas', async () => {
    const db = await openEncryptedDatabase(dbFile, keychain);
    expect(await keychain.get('database-key')).toMatch(/^[0-9a-f]{64}$/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    db.close();
    expect(readFileSync(dbFile).subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
  });

  it('creates the database, its WAL and its shared-memory file readable by the owner only (0600)', async () => {
    const modes = () =>
      Object.fromEntries(
        ['', '-wal', '-shm'].map((suffix) => [suffix || 'db', existsSync(dbFile + suffix) ? statSync(dbFile + suffix).mode & 0o777 : null]),
      );
    const owner = { db: 0o600, '-wal': 0o600, '-shm': 0o600 };
    const storage = await openTestStorage(keychain, scratch.dir);
    queueItem(storage, { clientId: 'sale-1', kind: 'sale', payload: {} });
    expect(modes()).toEqual(owner);
    await storage.rotateDatabaseKey();
    queueItem(storage, { clientId: 'sale-2', kind: 'sale', payload: {} });
    expect(modes()).toEqual(owner);
    storage.close();
    // Files an older version left world-readable are tightened once the key opens them.
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbFile + suffix)) chmodSync(dbFile + suffix, 0o644);
    const reopened = await openTestStorage(keychain, scratch.dir);
    queueItem(reopened, { clientId: 'sale-3', kind: 'sale', payload: {} });
    expect(modes()).toEqual(owner);
    reopened.close();
  });

  it('keeps no written value in plain text in the database, its WAL or its journal', async () => {
    await writeMarkers();
    expect(plaintextHits()).toEqual([]);
    const reopened = await openTestStorage(keychain, scratch.dir);
    expect(reopened.settings.current().values.store.name).toBe(MARKERS.setting);
    reopened.close();
  });

  it('refuses a wrong key with a typed error and leaves the files byte for byte', async () => {
    await writeMarkers();
    const rightKey = await keychain.get('database-key');
    await keychain.set('database-key', newDatabaseKey());
    const before = fingerprint();
    await expect(openEncryptedDatabase(dbFile, keychain)).rejects.toBeInstanceOf(DatabaseKeyWrongError);
    await expect(openTestStorage(keychain, scratch.dir)).rejects.toThrow(/does not open the terminal's database.*Do not delete the file/);
    expect(fingerprint()).toEqual(before);
    await keychain.set('database-key', rightKey!);
    (await openEncryptedDatabase(dbFile, keychain)).close();
  });

  it('refuses a missing key and never creates a new one over existing data', async () => {
    await writeMarkers();
    await keychain.delete('database-key');
    const before = fingerprint();
    const error = await openEncryptedDatabase(dbFile, keychain).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseKeyMissingError);
    expect((error as Error).message).toMatch(/restore the keychain/);
    expect(await keychain.get('database-key')).toBeNull();
    expect(fingerprint()).toEqual(before);
  });

  it('refuses to start over the remains of a database whose main file is gone', async () => {
    await writeMarkers();
    const storage = await openTestStorage(keychain, scratch.dir);
    queueItem(storage, { clientId: 'in-wal', kind: 'sale', payload: {} });
    // Simulate the main file vanishing while its WAL survives (a bad restore, a careless clean-up).
    const wal = readFileSync(`${dbFile}-wal`);
    storage.close();
    rmSync(dbFile);
    writeFileSync(`${dbFile}-wal`, wal);
    await expect(openEncryptedDatabase(dbFile, keychain)).rejects.toBeInstanceOf(DatabaseIncompleteError);
    expect(existsSync(dbFile)).toBe(false);
    expect(readFileSync(`${dbFile}-wal`)).toEqual(wal);
  });

  it('runs one key rotation at a time', async () => {
    const db = await openEncryptedDatabase(dbFile, keychain);
    const first = rotateDatabaseKey(db, keychain);
    await expect(rotateDatabaseKey(db, keychain)).rejects.toThrow(/already running/);
    await first;
    db.close();
    (await openEncryptedDatabase(dbFile, keychain)).close();
  });

  it('rotates the key keeping every row, and the old key no longer opens it', async () => {
    await writeMarkers();
    const storage = await openTestStorage(keychain, scratch.dir);
    for (let i = 0; i < 200; i++) queueItem(storage, { clientId: `rot-${i}`, kind: 'sale', payload: { i } });
    const rowsBefore = storage.db.prepare('SELECT * FROM outbox ORDER BY seq').all();
    const auditBefore = storage.audit.verify();
    const oldKey = await keychain.get('database-key');
    await rotateDatabaseKey(storage.db, keychain);
    expect(storage.db.pragma('journal_mode', { simple: true })).toBe('wal');
    storage.close();

    const newKey = await keychain.get('database-key');
    expect(newKey).not.toBe(oldKey);
    expect(await keychain.get('database-key-next')).toBeNull();
    const reopened = await openTestStorage(keychain, scratch.dir);
    expect(reopened.db.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(rowsBefore);
    expect(reopened.audit.verify()).toMatchObject({ ok: true, entries: (auditBefore as { entries: number }).entries });
    reopened.close();
    expect(plaintextHits()).toEqual([]);

    await keychain.set('database-key', oldKey!);
    await expect(openEncryptedDatabase(dbFile, keychain)).rejects.toBeInstanceOf(DatabaseKeyWrongError);
  });

  it('finishes a rotation that was cut off after the rekey', async () => {
    await writeMarkers();
    const storage = await openTestStorage(keychain, scratch.dir);
    // The keychain dies right after the rekey, before the new key is promoted.
    const failingPromotion: Keychain = {
      ...keychain,
      get: (n) => keychain.get(n),
      delete: (n) => keychain.delete(n),
      probe: () => keychain.probe(),
      set: async (name, value) => {
        if (name === 'database-key') throw new Error('power cut');
        await keychain.set(name, value);
      },
    };
    await expect(rotateDatabaseKey(storage.db, failingPromotion)).rejects.toThrow('power cut');
    storage.close();
    const pending = await keychain.get('database-key-next');
    expect(pending).toMatch(/^[0-9a-f]{64}$/);

    const reopened = await openTestStorage(keychain, scratch.dir);
    expect(await keychain.get('database-key')).toBe(pending);
    expect(await keychain.get('database-key-next')).toBeNull();
    expect(reopened.settings.current().values.store.name).toBe(MARKERS.setting);
    reopened.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    await writeMarkers();
    const db = await openEncryptedDatabase(dbFile, keychain);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    const before = fingerprint();
    const reopened = await openEncryptedDatabase(dbFile, keychain);
    expect(() => migrate(reopened, MIGRATIONS, dbFile)).toThrow(DatabaseTooNewError);
    reopened.close();
    await expect(openTestStorage(keychain, scratch.dir)).rejects.toThrow(/newer NoPOS Terminal/);
    expect(fingerprint()).toEqual(before);
  });
});
