import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openEncryptedDatabase, newDatabaseKey } from '../../electron/main/storage/encrypted-database';
import { migrate } from '../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../electron/main/storage/migrations';
import type { Db } from '../../electron/main/storage/db';
import { Outbox } from '../../electron/main/storage/outbox';
import { memoryKeychain } from '../support/memory-keychain';
import { queueItem } from '../support/storage';
import { elapsedMs, median, rotated, round3, type BenchSection } from './bench-kit';

// Three configurations on the same workload: the storage layer (outbox.enqueue on the terminal's
// encrypted database), a bare encrypted INSERT with the same pragmas, and the same unencrypted.
// - durable write: one ~1 KB sale per transaction, synchronous=FULL, as the till writes them;
// - uncached read: a random sale by primary key on a connection whose page cache (64 pages) holds the
//   B-tree's interior pages but few of its >1,000 leaves, so nearly every read fetches one leaf page
//   and, when encrypted, authenticates (HMAC) and decrypts it.
// Each of many short rounds rotates the order of the configurations; ratios are the median of the
// per-round ratios, medians the median of the per-round figures.

const WRITES = Number(process.env.BENCH_WRITES ?? 30);
const READS = Number(process.env.BENCH_READS ?? 300);
const READ_ROWS = Number(process.env.BENCH_READ_ROWS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
// Untimed writes first: until the WAL has grown to its checkpoint size, every commit also extends the
// file (a costlier fsync); a terminal in service reuses its WAL.
const WARMUP_WRITES = Number(process.env.BENCH_WARMUP_WRITES ?? 400);
const ROOT = process.env.BENCH_DIR ?? path.resolve('test-results', 'bench');
const now = () => new Date('2026-11-29T10:00:00.000Z');

type Config = 'storage' | 'bareEncrypted' | 'bareUnencrypted';
const CONFIGS: readonly Config[] = ['storage', 'bareEncrypted', 'bareUnencrypted'];
export const INSERT = "INSERT INTO outbox (client_id, kind, payload_json, status, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)";

/** A sale as the register will queue it: eight lines, about 1 KB of JSON. */
export function salePayload(i: number) {
  const lines = Array.from({ length: 8 }, (_, n) => ({
    sku: `SKU-${String(1000 + n)}`,
    name: `Product number ${n} of sale ${i}`,
    qty: 1 + (n % 3),
    unitMinor: 1299 + n * 10,
    taxRateBp: 2000,
  }));
  return {
    saleId: `sale-${i}`,
    staffId: 'st_bench000000',
    lines,
    totalMinor: 12_990 + i,
    currency: 'EUR',
    payments: [{ method: 'card', token: 'tok_bench', amountMinor: 12_990 + i }],
  };
}

/** The terminal's pragmas on a bare connection; `hmac: false` exists only for the cipher-cost diagnostic. */
export function openBare(file: string, key: string | null, options: { synchronous?: 'FULL' | 'OFF'; hmac?: boolean } = {}): Db {
  const db = new Database(file);
  if (key) {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    if (options.hmac === false) db.pragma('hmac_use = 0');
    db.pragma(`key="x'${key}'"`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  return db;
}

interface Setup {
  write(round: number, i: number): void;
  /** A second connection to the same file for uncached reads. */
  openReader(): Db;
  close(): void;
}

async function setUp(config: Config, dir: string): Promise<Setup> {
  const file = path.join(dir, `${config}.db`);
  if (config === 'storage') {
    const keychain = memoryKeychain();
    const db = await openEncryptedDatabase(file, keychain);
    migrate(db, MIGRATIONS, file);
    const outbox = new Outbox(db, now);
    const key = (await keychain.get('database-key'))!;
    return {
      write: (round, i) => queueItem({ db, outbox }, { clientId: `sale-${round}-${i}`, kind: 'sale', payload: salePayload(i) }),
      openReader: () => openBare(file, key),
      close: () => db.close(),
    };
  }
  const key = config === 'bareEncrypted' ? newDatabaseKey() : null;
  const db = openBare(file, key);
  MIGRATIONS[0]!.up(db);
  const insert = db.prepare(INSERT);
  return {
    write: (round, i) => {
      const at = now().toISOString();
      insert.run(`sale-${round}-${i}`, 'sale', JSON.stringify(salePayload(i)), at, at);
    },
    openReader: () => openBare(file, key),
    close: () => db.close(),
  };
}

function timeWrites(setup: Setup, round: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < WRITES; i++) setup.write(round, i);
  return elapsedMs(start) / WRITES;
}

/**
 * Fills `reader`'s table far beyond its page cache (one untimed transaction) and returns a probe:
 * milliseconds per uncached read by primary key, READS random keys per call.
 */
export function uncachedReadProbe(reader: Db): (round: number) => number {
  const fill = reader.prepare(INSERT);
  reader.transaction(() => {
    for (let i = 0; i < READ_ROWS; i++) fill.run(`fill-${i}`, 'sale', JSON.stringify(salePayload(i)), 'x', 'x');
  })();
  reader.pragma('wal_checkpoint(TRUNCATE)');
  reader.pragma('cache_size = 64');
  const maxId = (reader.prepare('SELECT max(seq) AS id FROM outbox').get() as { id: number }).id;
  const get = reader.prepare('SELECT payload_json FROM outbox WHERE seq = ?');
  return (round) => {
    let seed = 12345 + round;
    const start = process.hrtime.bigint();
    for (let i = 0; i < READS; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      get.get(1 + (seed % maxId));
    }
    return elapsedMs(start) / READS;
  };
}

export const storageSection: BenchSection = {
  name: 'storage',
  async run() {
    const writes: Record<Config, number[]> = { storage: [], bareEncrypted: [], bareUnencrypted: [] };
    const reads: Record<Config, number[]> = { storage: [], bareEncrypted: [], bareUnencrypted: [] };
    const dir = path.join(ROOT, 'storage');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const setups = {} as Record<Config, Setup>;
    const readers = {} as Record<Config, Db>;
    const probes = {} as Record<Config, (round: number) => number>;
    for (const config of CONFIGS) {
      setups[config] = await setUp(config, dir);
      readers[config] = setups[config].openReader();
      probes[config] = uncachedReadProbe(readers[config]);
      for (let i = 0; i < WARMUP_WRITES; i++) setups[config].write(-1, i);
    }
    // Many short rounds, each in a rotated order: a burst of load from elsewhere hits one round of
    // every configuration, not all of one configuration.
    for (let round = 0; round < ROUNDS; round++) {
      for (const config of rotated(CONFIGS, round)) writes[config].push(timeWrites(setups[config], round));
      for (const config of rotated(CONFIGS, round + 1)) reads[config].push(probes[config](round));
    }
    for (const config of CONFIGS) {
      readers[config].close();
      setups[config].close();
    }
    rmSync(dir, { recursive: true, force: true });
    const perRound = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!));
    const ratios = {
      storageVsBare: perRound(writes.storage, writes.bareEncrypted),
      encryptedVsUnencrypted: perRound(writes.bareEncrypted, writes.bareUnencrypted),
      encryptedVsUnencryptedRead: perRound(reads.bareEncrypted, reads.bareUnencrypted),
    };
    const targets = { storageVsBare: 1.5, encryptedVsUnencrypted: 1.15, encryptedVsUnencryptedRead: 1.5 };
    const medians = (values: Record<Config, number[]>) =>
      Object.fromEntries(CONFIGS.map((c) => [c, round3(median(values[c]))])) as Record<Config, number>;
    const writeMs = medians(writes);
    return {
      benchmark: 'storage',
      directory: ROOT,
      storage: {
        rounds: ROUNDS,
        rowBytes: JSON.stringify(salePayload(0)).length,
        warmupWrites: WARMUP_WRITES,
        writesPerRound: WRITES,
        readsPerRound: READS,
        readTableRows: READ_ROWS,
        medianMsPerWrite: writeMs,
        medianMsPerUncachedRead: medians(reads),
      },
      // Kept from the first version of this bench (same names, now ~1 KB rows and rotated order).
      writesPerRound: WRITES,
      rounds: ROUNDS,
      medianMsPerWrite: { storage: writeMs.storage, bareEncrypted: writeMs.bareEncrypted, bareUnencrypted: writeMs.bareUnencrypted },
      ratios: {
        storageVsBare: round3(ratios.storageVsBare),
        encryptedVsUnencrypted: round3(ratios.encryptedVsUnencrypted),
        encryptedVsUnencryptedRead: round3(ratios.encryptedVsUnencryptedRead),
      },
      targets,
      withinTargets: {
        storageVsBare: ratios.storageVsBare <= targets.storageVsBare,
        encryptedVsUnencrypted: ratios.encryptedVsUnencrypted <= targets.encryptedVsUnencrypted,
        encryptedVsUnencryptedRead: ratios.encryptedVsUnencryptedRead <= targets.encryptedVsUnencryptedRead,
      },
    };
  },
};
