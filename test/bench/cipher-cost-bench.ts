import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { newDatabaseKey } from '../../electron/main/storage/encrypted-database';
import { MIGRATIONS } from '../../electron/main/storage/migrations';
import { elapsedMs, median, rotated, round3, type BenchSection } from './bench-kit';
import { INSERT, openBare, salePayload, uncachedReadProbe } from './storage-bench';

// Where encryption's time goes (docs/storage.md). Commits run with synchronous=OFF so only CPU is
// left; the WAL is never checkpointed so its frames count the pages each commit writes.
// `encryptedWithoutHmac` is a diagnostic that shows the share of SQLCipher's per-page HMAC-SHA512:
// the terminal never runs without it.

const COMMITS = Number(process.env.BENCH_CPU_COMMITS ?? 1000);
const ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 5);
const ROOT = process.env.BENCH_DIR ?? path.resolve('test-results', 'bench');

type Config = 'unencrypted' | 'encrypted' | 'encryptedWithoutHmac';
const CONFIGS: readonly Config[] = ['unencrypted', 'encrypted', 'encryptedWithoutHmac'];

function measure(config: Config, dir: string, round: number): { commitUs: number; framesPerCommit: number; readUs: number } {
  const file = path.join(dir, `${config}.db`);
  const key = config === 'unencrypted' ? null : newDatabaseKey();
  const hmac = config !== 'encryptedWithoutHmac';
  const db = openBare(file, key, { synchronous: 'OFF', hmac });
  db.pragma('wal_autocheckpoint = 0');
  MIGRATIONS[0]!.up(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const insert = db.prepare(INSERT);
  const start = process.hrtime.bigint();
  for (let i = 0; i < COMMITS; i++) insert.run(`cpu-${round}-${i}`, 'sale', JSON.stringify(salePayload(i)), 'x', 'x');
  const commitUs = (elapsedMs(start) * 1000) / COMMITS;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const framesPerCommit = (statSync(`${file}-wal`).size - 32) / (pageSize + 24) / COMMITS;
  db.close();
  const reader = openBare(file, key, { hmac });
  const readUs = uncachedReadProbe(reader)(round) * 1000;
  reader.close();
  return { commitUs, framesPerCommit, readUs };
}

export const cipherCostSection: BenchSection = {
  name: 'cipherCost',
  async run() {
    const results: Record<Config, ReturnType<typeof measure>[]> = { unencrypted: [], encrypted: [], encryptedWithoutHmac: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const dir = path.join(ROOT, `cipher-${round}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const config of rotated(CONFIGS, round)) results[config].push(measure(config, dir, round));
      rmSync(dir, { recursive: true, force: true });
    }
    const med = (pick: (r: ReturnType<typeof measure>) => number) =>
      Object.fromEntries(CONFIGS.map((c) => [c, round3(median(results[c].map(pick)))])) as Record<Config, number>;
    const commitCpuUs = med((r) => r.commitUs);
    const uncachedReadUs = med((r) => r.readUs);
    const share = (x: Record<Config, number>) => round3((x.encrypted - x.encryptedWithoutHmac) / (x.encrypted - x.unencrypted));
    return {
      cipherCost: {
        commits: COMMITS,
        rounds: ROUNDS,
        walFramesPerCommit: round3(median(results.encrypted.map((r) => r.framesPerCommit))),
        commitCpuUs,
        uncachedReadUs,
        hmacShareOfCommitCipherCost: share(commitCpuUs),
        hmacShareOfReadCipherCost: share(uncachedReadUs),
      },
    };
  },
};
