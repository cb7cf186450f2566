import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalStorage } from '../../../electron/main/core/terminal-storage';
import { ROOT } from '../../support/browser';
import { buildNodeScript } from '../../support/build-node-script';
import { openTestStorage, realKeychain, tempDir } from '../../support/storage';

// A real child process sells in a loop on the real encrypted database and the real keychain, and is
// killed with SIGKILL at random moments. After every kill, each sale must be whole or absent.

const KILLS = 100;
const scratch = tempDir('crash');
const dataDir = path.join(scratch.dir, 'data');
const service = `crash-${process.pid}`;
let script: string;

beforeAll(async () => {
  // Inside the repo, so the child resolves the native modules from node_modules like the app does.
  script = await buildNodeScript('test/integration/crash/sale-writer.ts', path.join(ROOT, 'test-results', `crash-child-${process.pid}`));
}, 60_000);
afterAll(() => {
  scratch.cleanup();
  rmSync(path.dirname(script), { recursive: true, force: true });
});

/** Runs the child until it says it is ready, lets it sell for a random while, then kills it. */
function runAndKill(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dataDir, `NoPOS Terminal test ${service} ${process.pid}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 120));
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended on its own (${code}): ${stderr.slice(0, 3000)}`)),
    );
  });
}

function checkWholeOrAbsent(storage: TerminalStorage): number {
  const db = storage.db;
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(storage.audit.verify()).toMatchObject({ ok: true });

  const completed = all<{ id: string; total_minor: number }>("SELECT id, total_minor FROM sales WHERE status = 'completed'");
  const docs = all<{ seq: number; ref_id: string; kind: string }>('SELECT seq, ref_id, kind FROM documents ORDER BY seq');
  expect(docs.map((d) => d.seq)).toEqual(docs.map((_, i) => i + 1));
  expect(
    docs
      .filter((d) => d.kind === 'sale')
      .map((d) => d.ref_id)
      .sort(),
  ).toEqual(completed.map((s) => s.id).sort());

  const outbox = new Set(all<{ client_id: string }>("SELECT client_id FROM outbox WHERE kind = 'sale'").map((r) => r.client_id));
  const audited = new Set(all<{ target: string }>("SELECT target FROM audit_log WHERE action = 'sale.completed'").map((r) => r.target));
  const lines = new Map(
    all<{ sale_id: string; n: number }>('SELECT sale_id, count(*) AS n FROM sale_lines GROUP BY sale_id').map((r) => [r.sale_id, r.n]),
  );
  const paid = new Map(
    all<{ sale_id: string; paid: number }>(
      'SELECT sale_id, sum(amount_minor - coalesce(rounding_minor, 0)) AS paid FROM payments GROUP BY sale_id',
    ).map((r) => [r.sale_id, r.paid]),
  );
  for (const sale of completed) {
    expect(outbox.has(sale.id)).toBe(true);
    expect(audited.has(sale.id)).toBe(true);
    expect(lines.get(sale.id) ?? 0).toBeGreaterThan(0);
    expect(paid.get(sale.id)).toBe(sale.total_minor);
  }
  expect(outbox.size).toBe(completed.length);
  expect(audited.size).toBe(completed.length);
  // At most the one sale in progress is open, and nothing else is half-made.
  expect(all("SELECT id FROM sales WHERE status = 'open'").length).toBeLessThanOrEqual(1);
  return completed.length;
}

describe('killing the terminal while it sells', () => {
  it(`leaves every sale whole or absent, numbers without gaps and a verifying audit chain, over ${KILLS} kills`, async () => {
    const keychain = realKeychain(service);
    let sold = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await runAndKill();
      const storage = await openTestStorage(keychain, dataDir);
      try {
        const now = checkWholeOrAbsent(storage);
        expect(now).toBeGreaterThanOrEqual(sold);
        sold = now;
      } finally {
        storage.close();
      }
    }
    // The kills landed while sales were being written, not only before the first one.
    expect(sold).toBeGreaterThan(KILLS / 2);
  }, 600_000);
});
