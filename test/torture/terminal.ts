// One terminal of the torture run (test/torture/index.ts): the real core, storage, keychain and
// sync against the sandbox, selling through the IPC registry (the dispatch the bridge uses) until it
// is SIGKILLed. It prints a marker line before each step, so the runner can kill inside that step,
// and appends every sale it answered as completed to a file (the runner checks they all survive).
// `drain` mode sells nothing: it syncs until nothing waits, then exits.
import { appendFileSync, readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { uuidv7 } from '../../shared/domain/ids';
import type { SaleView } from '../../shared/domain/sale';
import type { TenderCardResult } from '../../shared/ipc/areas/card-tender';
import { openTerminalStorage } from '../../electron/main/core/terminal-storage';
import { createOsKeychain } from '../../electron/main/secrets/os-keychain';
import { coreWithSync } from '../support/core-sync';
import { FAST_PIN_COST } from '../support/storage';
import { TEST_PRODUCTS, testCatalog } from '../support/test-catalog';
import { trustedSender } from '../support/test-contract';

const sellable = TEST_PRODUCTS.filter((p) => p.active && p.soldBy === 'unit');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const [dataDir, service, baseUrl, caFile, staffId, answeredFile, mode] = process.argv.slice(2) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const now = () => new Date();
  const keychain = createOsKeychain(service);
  const storage = await openTerminalStorage({
    dataDir,
    policyFile: path.join(dataDir, 'policy.json'),
    keychain,
    now,
    pinCost: FAST_PIN_COST,
  });
  const core = coreWithSync(
    storage,
    {
      keychain,
      baseUrl,
      caPem: readFileSync(caFile, 'utf8'),
      exportDir: path.join(dataDir, 'exports'),
      timings: { backoff: { baseMs: 20, capMs: 500 }, offlineProbeCapMs: 200, idleMs: 3_600_000, nudgeMs: 20 },
      transport: { connectTimeoutMs: 2_000, responseTimeoutMs: 3_000 },
    },
    {
      appInfo: { productName: 'NoPOS Terminal', version: '0.0.0', platform: 'linux', startedAt: now() },
      now,
      isTrustedSender: () => true,
      catalog: testCatalog(),
    },
  );
  const sync = core.sync;
  const stopTimers = core.startTimers();
  sync.engine.start();

  if (mode === 'drain') {
    // Drained: nothing waits, no card attempt is open, and the API holds the audit chain up to its head.
    const auditHead = storage.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_log');
    const uploaded = storage.db.prepare("SELECT value_json FROM sync_state WHERE key = 'audit.uploadedSeq'");
    const auditUploaded = () =>
      Number((uploaded.get() as { value_json: string } | undefined)?.value_json ?? 0) >= (auditHead.get() as { seq: number }).seq;
    let told = Date.now();
    for (;;) {
      const status = await sync.engine.syncNow();
      if (Date.now() - told > 5_000) {
        told = Date.now();
        const lastLines = readFileSync(storage.appLog.path, 'utf8').trim().split('\n').slice(-3);
        process.stderr.write(`${JSON.stringify({ pending: status.pending, connectivity: status.connectivity, lastLines })}\n`);
      }
      if (!core.payments.hasOpenCardAttempts() && status.pending === 0 && auditUploaded()) break;
      if (core.payments.hasOpenCardAttempts()) await core.payments.resolveCardAttempts();
      await sleep(50);
    }
    stopTimers();
    sync.close();
    await sync.engine.idle();
    storage.close();
    say('drained');
    return;
  }

  const call = async <T>(channel: string, payload?: unknown): Promise<{ ok: true; data: T } | { ok: false; code: string }> => {
    for (;;) {
      const result = await core.registry.dispatch(channel, payload, trustedSender);
      if (result.ok) return { ok: true, data: result.data as T };
      if (result.error.code !== 'rate_limited') return { ok: false, code: result.error.code };
      await sleep(50);
    }
  };
  const must = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const result = await call<T>(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.code}`);
    return result.data;
  };
  if ((await core.session.signIn(staffId, '482913')).outcome !== 'signed_in') throw new Error('sign-in failed');
  if (!(await must('shifts.current'))) await must('shifts.open', { floatMinor: 10_000 });
  await must('payments.selectTestCard', { cardId: 'approve' });
  say('ready');

  for (;;) {
    let sale = await must<SaleView | null>('sales.current');
    if (!sale || sale.lines.length === 0) {
      say('cart');
      for (let i = randomInt(1, 4); i > 0; i--)
        sale = (
          await must<{ sale: SaleView }>('sales.addProduct', {
            productId: sellable[randomInt(sellable.length)]!.sku,
            quantity: randomInt(1, 3),
          })
        ).sale;
    }
    const saleId = sale!.saleId;
    let completed = false;
    if (sale!.payments.length === 0 && randomInt(10) < 4) {
      say('card');
      const card = await call<TenderCardResult>('sales.tenderCard', { saleId, paymentId: uuidv7() });
      completed = card.ok && card.data.outcome === 'paid' && card.data.sale.status === 'completed';
    }
    if (!completed) {
      say('completion');
      // A card attempt a kill left open is settled in the background after a restart: it may have
      // completed this very sale meanwhile (the cashier is told "already complete"). Not answered here.
      const current = await must<SaleView | null>('sales.current');
      if (!current || current.saleId !== saleId) continue;
      const due = current.cashDueMinor;
      const cash = await call<{ sale: SaleView }>('sales.tenderCash', { saleId, paymentId: uuidv7(), givenMinor: due + randomInt(0, 500) });
      completed = cash.ok && cash.data.sale.status === 'completed';
    }
    if (completed) appendFileSync(answeredFile, `${saleId}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
