import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../electron/main/core/app-core';
import type { TerminalStorage } from '../../../electron/main/core/terminal-storage';
import type { Keychain } from '../../../electron/main/secrets/keychain';
import { coreWithSync } from '../../support/core-sync';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import type { IpcResult } from '../../../shared/ipc/errors';
import { ROOT } from '../../support/browser';
import { buildNodeScript } from '../../support/build-node-script';
import { startSandboxProcess, type SandboxProcess } from '../../support/sandbox-process';
import { openTestStorage, realKeychain, tempDir, insertStaff } from '../../support/storage';
import { testCatalog } from '../../support/test-catalog';
import { trustedSender } from '../../support/test-contract';

// Issue 19.1: a real child process takes a card payment online against the sandbox (its own
// process, HTTPS on loopback, slowed down) and is SIGKILLed while the API approves it. The next
// start must find that approval: on the sale if the sale is still open, reversed otherwise, and
// never a second approved charge for one sale.

const CARD_STAFF = 'st_cardtester00';
const scratch = tempDir('card-crash');
const dataDir = path.join(scratch.dir, 'data');
const service = `card-crash-${process.pid}`;
let script: string;
let sandbox: SandboxProcess;
let ledger: Database.Database;
let keychain: Keychain;

beforeAll(async () => {
  script = await buildNodeScript(
    'test/integration/crash/card-writer.ts',
    path.join(ROOT, 'test-results', `card-crash-child-${process.pid}`),
  );
  sandbox = await startSandboxProcess();
  ledger = new Database(path.join(sandbox.dataDir, 'sandbox.db'), { readonly: true, fileMustExist: true });
  keychain = realKeychain(service);
  const storage = await openTestStorage(keychain, dataDir);
  try {
    const { sync } = coreWithSync(storage, {
      keychain,
      baseUrl: sandbox.url,
      caPem: sandbox.caPem,
      exportDir: path.join(dataDir, 'exports'),
    });
    await sync.enrollment.enroll(sandbox.code, 'admin', null);
    sync.close();
    await insertStaff(storage, { id: CARD_STAFF, name: 'Card tester', role: 'manager' }, '482913');
  } finally {
    storage.close();
  }
}, 60_000);
afterAll(async () => {
  ledger?.close();
  await sandbox?.stop();
  scratch.cleanup();
  if (script) rmSync(path.dirname(script), { recursive: true, force: true });
});

// The case was 400 ms of latency and a kill 200 ms into the tender; a child's first tender
// also opens its TLS connection and reads its key, so this leaves more room on a loaded machine.
const LATENCY = [1_500, 1_500];
const KILL_AFTER_MS = 800;

const faults = async (config: object) => expect((await sandbox.admin('PUT', '/admin/faults', config)).status).toBe(200);

/** Runs the child until its first card tender has been under way for `killAfterMs`, then SIGKILLs it. */
function killMidTender(killAfterMs: number): Promise<{ saleId: string; paymentId: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [script, dataDir, `NoPOS Terminal test ${service} ${process.pid}`, sandbox.url, sandbox.caPath, CARD_STAFF],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let out = '';
    let tender: { saleId: string; paymentId: string } | null = null;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /tendering (\S+) (\S+)\n/.exec(out);
      if (match && !tender) {
        tender = { saleId: match[1]!, paymentId: match[2]! };
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' && tender ? resolve(tender) : reject(new Error(`child ended (${code ?? signal}): ${stderr.slice(0, 3000)}`)),
    );
  });
}

interface Till {
  storage: TerminalStorage;
  core: AppCore;
  call<T>(channel: string, payload?: unknown): Promise<IpcResult<T>>;
}

/** The terminal started again in this process: same data, same keychain, the real sandbox. */
async function restarted<T>(work: (till: Till) => Promise<T>): Promise<T> {
  const storage = await openTestStorage(keychain, dataDir);
  const now = () => new Date();
  const syncOptions = {
    keychain,
    baseUrl: sandbox.url,
    caPem: sandbox.caPem,
    exportDir: path.join(dataDir, 'exports'),
    transport: { connectTimeoutMs: 1_000, responseTimeoutMs: 3_000 },
  };
  const core = coreWithSync(storage, syncOptions, {
    appInfo: { productName: 'NoPOS Terminal', version: '0.0.0', platform: 'linux', startedAt: now() },
    now,
    isTrustedSender: () => true,
    catalog: testCatalog(),
  });
  const { sync } = core;
  const stopTimers = core.startTimers();
  try {
    expect((await core.session.signIn(CARD_STAFF, '482913')).outcome).toBe('signed_in');
    return await work({ storage, core, call: (channel, payload) => core.registry.dispatch(channel, payload, trustedSender) as never });
  } finally {
    stopTimers();
    sync.close();
    storage.close();
  }
}

const atApi = (saleId: string) =>
  ledger
    .prepare('SELECT client_id AS paymentId, status FROM payments WHERE transaction_client_id = ? ORDER BY received_at')
    .all(saleId) as { paymentId: string; status: string }[];
async function heldByApi(saleId: string): Promise<void> {
  for (let i = 0; i < 100 && atApi(saleId).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
}
const attemptState = (storage: TerminalStorage, paymentId: string) =>
  (storage.db.prepare('SELECT state FROM card_attempts WHERE payment_id = ?').get(paymentId) as { state: string } | undefined)?.state;
const saleOf = (storage: TerminalStorage, saleId: string) =>
  storage.db.prepare('SELECT status FROM sales WHERE id = ?').get(saleId) as { status: string } | undefined;
const cardPaymentsOf = (storage: TerminalStorage, saleId: string) =>
  (storage.db.prepare("SELECT id FROM payments WHERE sale_id = ? AND method = 'card'").all(saleId) as { id: string }[]).map((r) => r.id);

async function settled(core: AppCore): Promise<void> {
  for (let i = 0; i < 200 && core.payments.hasOpenCardAttempts(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(core.payments.hasOpenCardAttempts()).toBe(false);
}

describe('a kill while the API approves a card payment', () => {
  it('is found at the next start and recorded on its still-open sale: the customer is charged once', async () => {
    await faults({ latencyMs: LATENCY });
    const { saleId, paymentId } = await killMidTender(KILL_AFTER_MS);
    // The API approves and holds it (once its slow handling ends); the terminal died before it could record it.
    await heldByApi(saleId);
    await faults({});
    expect(atApi(saleId)).toEqual([{ paymentId, status: 'approved' }]);
    await restarted(async ({ storage, core, call }) => {
      await settled(core);
      expect(saleOf(storage, saleId)).toEqual({ status: 'completed' });
      expect(cardPaymentsOf(storage, saleId)).toEqual([paymentId]);
      expect(attemptState(storage, paymentId)).toBe('attached');
      // A retry by the cashier answers the sale as paid and charges nothing.
      expect(await call('sales.tenderCard', { saleId, paymentId: uuidv7() })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(storage.audit.verify()).toMatchObject({ ok: true });
    });
    expect(atApi(saleId)).toEqual([{ paymentId, status: 'approved' }]);
  }, 60_000);

  it('with the API out of reach at restart: a second card is refused with the open attempt shown, cash completes the sale, and the approval is reversed once the API answers', async () => {
    await faults({ latencyMs: LATENCY });
    const { saleId, paymentId } = await killMidTender(KILL_AFTER_MS);
    await heldByApi(saleId);
    await faults({ offline: true });
    await restarted(async ({ storage, core, call }) => {
      const second = await call('sales.tenderCard', { saleId, paymentId: uuidv7() });
      expect(second).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining('8.99 EUR (visa ending 4242)') },
      });
      expect(attemptState(storage, paymentId)).toBe('open');
      const cash = await call<{ sale: SaleView }>('sales.tenderCash', { saleId, paymentId: uuidv7(), givenMinor: 1_000 });
      expect(cash).toMatchObject({ ok: true, data: { sale: { status: 'completed' } } });
      await faults({});
      const report = await core.payments.resolveCardAttempts();
      expect(report.reversed.map((a) => a.paymentId)).toEqual([paymentId]);
      expect(attemptState(storage, paymentId)).toBe('reversed');
      expect(cardPaymentsOf(storage, saleId)).toEqual([]);
      expect(
        storage.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'payment.reversed' AND target = ?").get(saleId),
      ).toEqual({ n: 1 });
    });
    expect(atApi(saleId)).toEqual([{ paymentId, status: 'reversed' }]);
  }, 60_000);

  it('over random kills during authorization, no sale ever holds two approved charges, and every approval is on its sale', async () => {
    const KILLS = 8;
    for (let kill = 0; kill < KILLS; kill++) {
      await faults({ latencyMs: [50, 450] });
      const { saleId } = await killMidTender(Math.floor(Math.random() * 500));
      await faults({});
      await restarted(async ({ storage, core }) => {
        await settled(core);
        expect(storage.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const approved = atApi(saleId)
          .filter((p) => p.status === 'approved')
          .map((p) => p.paymentId);
        expect(approved.length).toBeLessThanOrEqual(1);
        // What the API charged is what the sale holds; nothing else is left charged.
        expect(cardPaymentsOf(storage, saleId)).toEqual(approved);
        if (approved.length) expect(saleOf(storage, saleId)).toEqual({ status: 'completed' });
      });
    }
  }, 300_000);
});
