import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalStorage } from '../../../electron/main/core/terminal-storage';
import type { Keychain } from '../../../electron/main/secrets/keychain';
import { coreWithSync } from '../../support/core-sync';
import { uuidv7 } from '../../../shared/domain/ids';
import { ROOT } from '../../support/browser';
import { buildNodeScript } from '../../support/build-node-script';
import { startSandboxProcess, type SandboxProcess } from '../../support/sandbox-process';
import { openTestStorage, queueItem, realKeychain, tempDir } from '../../support/storage';

// A real child process syncs the terminal's outbox to a real sandbox (its own process, HTTPS on
// loopback) and is killed with SIGKILL at random moments, mostly mid-request. More sales are queued
// between runs. At the end one run finishes: the sandbox holds every sale exactly once, the outbox is empty.

const KILLS = 60;
const QUEUED_PER_RUN = 150;
const scratch = tempDir('sync-crash');
const dataDir = path.join(scratch.dir, 'data');
const service = `sync-crash-${process.pid}`;
let script: string;
let sandbox: SandboxProcess;

beforeAll(async () => {
  script = await buildNodeScript(
    'test/integration/crash/sync-runner.ts',
    path.join(ROOT, 'test-results', `sync-crash-child-${process.pid}`),
  );
  sandbox = await startSandboxProcess();
}, 60_000);
afterAll(async () => {
  await sandbox?.stop();
  scratch.cleanup();
  if (script) rmSync(path.dirname(script), { recursive: true, force: true });
});

function runChild(killAfterMs: number | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [
      script,
      dataDir,
      `NoPOS Terminal test ${service} ${process.pid}`,
      sandbox.url,
      sandbox.caPath,
      ...(killAfterMs === null ? ['--until-drained'] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (killAfterMs !== null && chunk.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (code, signal) => {
      if (killAfterMs !== null ? signal === 'SIGKILL' : code === 0) resolve();
      else reject(new Error(`child ended (${code ?? signal}): ${stderr.slice(0, 3000)}`));
    });
  });
}

function queueSales(storage: TerminalStorage, count: number): void {
  storage.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const clientId = uuidv7();
      queueItem(storage, {
        clientId,
        kind: 'sale',
        payload: {
          clientId,
          type: 'sale',
          terminalSequence: i + 1,
          occurredAt: new Date().toISOString(),
          currency: 'EUR',
          totalMinor: 129,
          body: { lines: [{ sku: 'MILK-1L', qty: 1, priceMinor: 129 }] },
        },
      });
    }
  })();
}

const pending = (storage: TerminalStorage) =>
  (storage.db.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('queued', 'sending')").get() as { n: number }).n;

async function withStorage<T>(keychain: Keychain, work: (storage: TerminalStorage) => Promise<T> | T): Promise<T> {
  const storage = await openTestStorage(keychain, dataDir);
  try {
    return await work(storage);
  } finally {
    storage.close();
  }
}

describe('killing the terminal while it syncs', () => {
  it(`delivers every sale exactly once and drains the outbox, over ${KILLS} kills`, async () => {
    const keychain = realKeychain(service);
    await withStorage(keychain, async (storage) => {
      const { sync } = coreWithSync(storage, {
        keychain,
        baseUrl: sandbox.url,
        caPem: sandbox.caPem,
        exportDir: path.join(dataDir, 'exports'),
      });
      await sync.enrollment.enroll(sandbox.code, 'admin', null);
      sync.close();
      queueSales(storage, 1_000);
    });
    let interrupted = 0;
    let deliveredBefore = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await runChild(Math.floor(Math.random() * 60));
      await withStorage(keychain, (storage) => {
        expect(storage.db.pragma('integrity_check', { simple: true })).toBe('ok');
        if (pending(storage) > 0) interrupted++;
        queueSales(storage, QUEUED_PER_RUN);
      });
      // Never more than once, at any moment.
      const counts = sandbox.clientIdCounts();
      expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
      expect(counts.size).toBeGreaterThanOrEqual(deliveredBefore);
      deliveredBefore = counts.size;
    }
    await runChild(null);
    const queued = await withStorage(keychain, (storage) => {
      expect(pending(storage)).toBe(0);
      return (storage.db.prepare("SELECT client_id FROM outbox WHERE kind = 'sale'").all() as { client_id: string }[]).map(
        (r) => r.client_id,
      );
    });
    const counts = sandbox.clientIdCounts();
    expect(queued.length).toBe(1_000 + KILLS * QUEUED_PER_RUN);
    expect(queued.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(counts.size).toBe(queued.length);
    // The kills landed while there was still work in flight, not after all was delivered.
    expect(interrupted).toBeGreaterThanOrEqual(50);
  }, 600_000);
});
