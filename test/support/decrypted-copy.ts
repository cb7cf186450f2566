import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Keychain } from '../../electron/main/secrets/keychain';

/**
 * Every byte the terminal keeps on disk, readable: a copy of the database and its WAL decrypted page
 * by page (SQLCipher rewrites every page on rekey, free pages included), the WAL file as it is (it
 * must be empty after a checkpoint), and every log file.
 */
export async function bytesOnDisk(dataDir: string, keychain: Keychain, scratchDir: string): Promise<{ name: string; bytes: Buffer }[]> {
  const key = await keychain.get('database-key');
  if (!key) throw new Error('no database key');
  const copy = path.join(scratchDir, `plain-${Date.now()}.db`);
  copyFileSync(path.join(dataDir, 'terminal.db'), copy);
  // The WAL comes along: opening the copy reads its pages too, so nothing committed is missed.
  if (existsSync(path.join(dataDir, 'terminal.db-wal'))) copyFileSync(path.join(dataDir, 'terminal.db-wal'), `${copy}-wal`);
  const db = new Database(copy);
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma(`key="x'${key}'"`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey=''");
  db.close();
  const files = [{ name: 'terminal.db (decrypted)', bytes: readFileSync(copy) }];
  if (existsSync(path.join(dataDir, 'terminal.db-wal')))
    files.push({ name: 'terminal.db-wal', bytes: readFileSync(path.join(dataDir, 'terminal.db-wal')) });
  const logs = path.join(dataDir, 'logs');
  for (const name of existsSync(logs) ? readdirSync(logs) : [])
    files.push({ name: `logs/${name}`, bytes: readFileSync(path.join(logs, name)) });
  return files;
}

/** Which files hold any of `needles` (UTF-8, case-insensitive for ASCII). */
export function filesHolding(files: { name: string; bytes: Buffer }[], needles: string[]): string[] {
  return files.flatMap((f) => {
    const text = f.bytes.toString('latin1').toLowerCase();
    return needles.filter((n) => text.includes(Buffer.from(n.toLowerCase()).toString('latin1'))).map((n) => `${f.name}: ${n}`);
  });
}
