import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openEncryptedDatabase, newDatabaseKey } from '../../electron/main/storage/encrypted-database';
import { migrate } from '../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../electron/main/storage/migrations';
import type { Db } from '../../electron/main/storage/db';
import { Outbox } from '../../electron/main/sync/outbox';
import { DEFAULT_PIN_COST, PinHasher } from '../../electron/main/staff/pin-hasher';
import { memoryKeychain } from '../support/memory-keychain';

// `npm run bench`: the cost of one durable write through the storage layer, measured against a bare
// better-sqlite3-multiple-ciphers INSERT with the same pragmas, and encrypted against unencrypted.
// Rounds interleave the setups so drift on the machine hits all of them alike; ratios use medians.

const WRITES = Number(process.env.BENCH_WRITES ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROOT = process.env.BENCH_DIR ?? path.resolve('test-results', 'bench');
const now = () => new Date('2026-11-29T10:00:00.000Z');

function bare(file: string, key: string | null): Db {
  const db = new Database(file);
  if (key) {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${key}'"`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  MIGRATIONS[0]!.up(db);
  return db;
}

const payload = (i: number) => ({ lines: [{ sku: 'SKU-1', qty: 1, unitMinor: 1299 }], totalMinor: 1299 + i, currency: 'EUR' });

function time(run: (i: number) => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < WRITES; i++) run(i);
  return Number(process.hrtime.bigint() - start) / 1e6 / WRITES;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function round(n: number): Promise<Record<'storage' | 'bare' | 'unencrypted', number>> {
  const dir = path.join(ROOT, `round-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const storageFile = path.join(dir, 'storage.db');
  const storageDb = await openEncryptedDatabase(storageFile, memoryKeychain());
  migrate(storageDb, MIGRATIONS, storageFile);
  const outbox = new Outbox(storageDb, now);

  const bareDb = bare(path.join(dir, 'bare.db'), newDatabaseKey());
  const bareInsert = bareDb.prepare("INSERT INTO outbox (client_id, kind, payload_json, status, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)");
  const plainDb = bare(path.join(dir, 'plain.db'), null);
  const plainInsert = plainDb.prepare("INSERT INTO outbox (client_id, kind, payload_json, status, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)");

  const rawWrite = (insert: typeof bareInsert) => (i: number) => {
    const at = now().toISOString();
    insert.run(`sale-${n}-${i}`, 'sale', JSON.stringify(payload(i)), at, at);
  };
  const result = {
    storage: time((i) => outbox.enqueue({ clientId: `sale-${n}-${i}`, kind: 'sale', payload: payload(i) })),
    bare: time(rawWrite(bareInsert)),
    unencrypted: time(rawWrite(plainInsert)),
  };
  for (const db of [storageDb, bareDb, plainDb]) db.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/** The PIN hash must be slow for guessing yet quick at the till: about 50–100 ms on this machine. */
async function pinHashMs(): Promise<number> {
  const hasher = new PinHasher('bench-pepper', DEFAULT_PIN_COST);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    await hasher.hash('482913');
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

async function main(): Promise<void> {
  const pinMs = await pinHashMs();
  const rounds = [];
  for (let n = 0; n < ROUNDS; n++) rounds.push(await round(n));
  const ms = {
    storage: median(rounds.map((r) => r.storage)),
    bare: median(rounds.map((r) => r.bare)),
    unencrypted: median(rounds.map((r) => r.unencrypted)),
  };
  const ratios = { storageVsBare: ms.storage / ms.bare, encryptedVsUnencrypted: ms.bare / ms.unencrypted };
  const targets = { storageVsBare: 1.5, encryptedVsUnencrypted: 1.15 };
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'storage.durableWrite',
        writesPerRound: WRITES,
        rounds: ROUNDS,
        directory: ROOT,
        medianMsPerWrite: { storage: round3(ms.storage), bareEncrypted: round3(ms.bare), bareUnencrypted: round3(ms.unencrypted) },
        ratios: { storageVsBare: round3(ratios.storageVsBare), encryptedVsUnencrypted: round3(ratios.encryptedVsUnencrypted) },
        targets,
        withinTargets: { storageVsBare: ratios.storageVsBare <= targets.storageVsBare, encryptedVsUnencrypted: ratios.encryptedVsUnencrypted <= targets.encryptedVsUnencrypted },
        pinHash: { cost: DEFAULT_PIN_COST, medianMs: Math.round(pinMs), targetMs: [50, 100], withinTarget: pinMs >= 50 && pinMs <= 100 },
      },
      null,
      2,
    )}\n`,
  );
}

void main();
