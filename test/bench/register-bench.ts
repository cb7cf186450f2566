import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../electron/main/core/app-core';
import { openTerminalStorage, type TerminalStorage } from '../../electron/main/core/terminal-storage';
import { isAppProtocolSender } from '../../electron/main/ipc/sender';
import type { SecretName } from '../../electron/main/secrets/keychain';
import { shortId, uuidv7 } from '../../shared/domain/ids';
import type { SaleView } from '../../shared/domain/sale';
import { memoryKeychain } from '../support/memory-keychain';
import { elapsedMs, median, rotated, round3, type BenchSection } from './bench-kit';
import { catalogBench } from './catalog-bench';
import { benchProducts, scanToPaintBench } from './scan-to-paint-bench';

export const REGISTER_MEMORY_PROBE_FLAG = '--probe=register-memory';
// Smaller sizes only for the test that checks the report's shape (test/integration/bench.test.ts).
const PRODUCTS = Number(process.env.BENCH_REGISTER_PRODUCTS ?? 100_000);
const SALES_FOR_MEMORY = Number(process.env.BENCH_REGISTER_SALES ?? 10_000);
const SALES_PER_SHIFT = 1_000;
const mib = () => Math.round((process.memoryUsage().rss / 1048576) * 10) / 10;
const sender = { id: 'bench', url: 'app://nopos/index.html', isMainFrame: true, authenticated: true };

interface Till {
  dir: string;
  storage: TerminalStorage;
  core: AppCore;
  keys: Partial<Record<SecretName, string>>;
  call<T>(channel: string, payload?: unknown): Promise<T>;
}

/** A real terminal core over real encrypted storage in a fresh folder, an admin signed in. */
async function openTill(dir: string, keys: Partial<Record<SecretName, string>> = {}): Promise<Till> {
  const keychain = memoryKeychain(keys);
  const now = () => new Date();
  const storage = await openTerminalStorage({ dataDir: dir, policyFile: path.join(dir, 'no-policy.json'), keychain, now });
  const core = createAppCore({ appInfo: { productName: 'bench', version: '0', platform: process.platform, startedAt: now() }, now, storage, isTrustedSender: isAppProtocolSender });
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    // A cashier at work: the session never idles into auto-lock while the bench sells.
    core.session.activity();
    for (;;) {
      const result = await core.registry.dispatch(channel, payload, sender);
      if (result.ok) return result.data as T;
      if (result.error.code !== 'rate_limited') throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  if (storage.staff.count() === 0) await call('staff.setupFirstAdmin', { name: 'Bench Admin', pin: '482913' });
  else {
    const admin = storage.staff.list({ includeInactive: false })[0];
    if (!admin || (await core.session.signIn(admin.id, '482913')).outcome !== 'signed_in') throw new Error('sign-in failed');
  }
  return { dir, storage, core, keys: Object.fromEntries(keychain.entries), call };
}

/**
 * Completing a 5-line sale through the register (the tender that pays it: payment, number, sale,
 * audit and outbox entry in one durable transaction), against a bare durable insert of the same rows
 * in one transaction on a database with the same key and pragmas. Rounds rotate which goes first.
 */
async function saleVsBareInsert(rounds: number, salesPerRound: number): Promise<{ serviceMs: number; bareMs: number; ratio: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nopos-bench-sale-'));
  const bareDir = mkdtempSync(path.join(tmpdir(), 'nopos-bench-bare-'));
  try {
    const till = await openTill(dir);
    await till.call('shifts.open', { floatMinor: 10_000 });
    const skus = till.storage.catalog.browse(till.storage.catalog.info().groups[0] ?? '', 0, 5).map((p) => p.sku);
    const bare = await openTill(bareDir);
    const insert = bareStatements(bare.storage);

    const service = async (): Promise<number> => {
      let total = 0;
      for (let i = 0; i < salesPerRound; i++) {
        let sale: SaleView | null = null;
        for (const sku of skus) sale = (await till.call<{ sale: SaleView }>('sales.addProduct', { productId: sku, quantity: 1 + (i % 3) })).sale;
        const open = sale as SaleView;
        const start = process.hrtime.bigint();
        await till.core.register.checkout.tender(open.saleId, uuidv7(), cashOf(open.cashDueMinor), open.openedBy);
        total += elapsedMs(start);
      }
      return total / salesPerRound;
    };
    const bareRun = (): number => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < salesPerRound; i++) insert(i);
      return elapsedMs(start) / salesPerRound;
    };
    const results: Record<'service' | 'bare', number[]> = { service: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      for (const which of rotated(['service', 'bare'] as const, round)) results[which].push(which === 'service' ? await service() : bareRun());
    }
    till.storage.close();
    bare.storage.close();
    const serviceMs = median(results.service);
    const bareMs = median(results.bare);
    return { serviceMs: round3(serviceMs), bareMs: round3(bareMs), ratio: round3(serviceMs / bareMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  }
}

const cashOf = (due: number) => ({ method: 'cash' as const, opensDrawer: false, settle: () => ({ method: 'cash' as const, amountMinor: due, status: 'captured' as const, cash: { givenMinor: due, changeMinor: 0, roundingMinor: 0 }, card: null }) });

/** The rows a completed 5-line sale consists of, written directly: what the register's write costs at least. */
function bareStatements(storage: TerminalStorage): (i: number) => void {
  const db = storage.db;
  const shift = uuidv7();
  db.prepare("INSERT INTO shifts (id, status, currency, opened_at, opened_by, float_minor) VALUES (?, 'open', 'EUR', ?, 'st_bench000000', 0)").run(shift, new Date().toISOString());
  const sale = db.prepare("INSERT INTO sales (id, status, shift_id, opened_by, opened_at, currency, tax_mode, total_minor, completed_at, updated_at) VALUES (?, 'completed', ?, 'st_bench000000', ?, 'EUR', 'inclusive', ?, ?, ?)");
  const line = db.prepare("INSERT INTO sale_lines (id, sale_id, position, product_id, name, sold_by, quantity, unit_price_minor, tax_category_id, tax_rate_bp) VALUES (?, ?, ?, ?, 'Bench product', 'unit', 1, 250, 'standard', 2000)");
  const payment = db.prepare("INSERT INTO payments (id, sale_id, method, amount_minor, status, given_minor, change_minor, rounding_minor, taken_at) VALUES (?, ?, 'cash', 1250, 'captured', 1250, 0, 0, ?)");
  const doc = db.prepare("INSERT INTO documents (seq, receipt_number, kind, ref_id, shift_id, staff_id, completed_at) VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM documents), ?, 'sale', ?, ?, 'st_bench000000', ?)");
  return db.transaction((_i: number) => {
    const id = uuidv7();
    const at = new Date().toISOString();
    sale.run(id, shift, at, 1250, at, at);
    for (let k = 0; k < 5; k++) line.run(shortId('ln'), id, k + 1, `SKU-${k}`);
    payment.run(uuidv7(), id, at);
    doc.run(`BENCH-${id}`, id, shift, at);
    storage.audit.record({ action: 'sale.completed', actorId: 'st_bench000000', target: id, amount: { minor: 1250, currency: 'EUR' } });
    storage.outbox.enqueue({ clientId: id, kind: 'sale', payload: { clientId: id, lines: 5, totalMinor: 1250 } });
  }).immediate as unknown as (i: number) => void;
}

/**
 * Runs in a fresh child process (this bundle again, with REGISTER_MEMORY_PROBE_FLAG): the terminal's
 * core opens a database holding the 100k catalog and 10,000 sales (in shifts of 1,000), serves a few scans, a search and an
 * X report, and reports its resident memory.
 */
export async function registerMemoryProbe(dir: string, keysJson: string): Promise<{ mainRssMb: number }> {
  const till = await openTill(dir, JSON.parse(keysJson) as Partial<Record<SecretName, string>>);
  const products = till.storage.catalog.info();
  if (products.productCount < PRODUCTS) throw new Error(`catalog has ${products.productCount} products`);
  for (let i = 0; i < 20; i++) await till.call('sales.addProduct', { productId: `BENCH-${(i * 7_919) % PRODUCTS}` });
  await till.call('catalog.search', { query: 'bench prod', limit: 20 });
  await till.call('shifts.xReport');
  await till.call('sales.clear');
  // Idle, as a till between customers is: the PIN-hashing thread of the sign-in has exited (1 s idle).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const mainRssMb = mib();
  till.storage.close();
  return { mainRssMb };
}

/** A data folder with the 100k catalog and SALES_FOR_MEMORY completed sales in shifts of SALES_PER_SHIFT. */
async function storeWithHistory(dir: string): Promise<Partial<Record<SecretName, string>>> {
  const till = await openTill(dir);
  // Setup only, not measured: fsync per write would make building 10,000 sales take minutes.
  till.storage.db.pragma('synchronous = OFF');
  till.storage.catalog.clear(null);
  till.storage.catalog.applyChanges(
    {
      taxCategories: [
        { id: 'bench-reduced', name: 'Reduced', rateBp: 700 },
        { id: 'bench-standard', name: 'Standard', rateBp: 1900 },
      ],
      upsert: benchProducts(PRODUCTS),
    },
    'api',
  );
  for (let i = 0; i < SALES_FOR_MEMORY; i++) {
    if (i % SALES_PER_SHIFT === 0) {
      if (i > 0) await till.call('shifts.close', { countedMinor: 0 });
      await till.call('shifts.open', { floatMinor: 10_000 });
    }
    await till.call('sales.addProduct', { productId: `BENCH-${(i * 31) % PRODUCTS}`, quantity: 1 + (i % 3) });
    const sale = (await till.call<{ sale: SaleView }>('sales.addProduct', { productId: `BENCH-${(i * 17) % PRODUCTS}` })).sale;
    await till.core.register.checkout.tender(sale.saleId, uuidv7(), cashOf(sale.cashDueMinor), sale.openedBy);
  }
  till.storage.close();
  return till.keys;
}

async function mainRssMb(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nopos-bench-history-'));
  try {
    const keys = await storeWithHistory(dir);
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [process.argv[1] ?? '', REGISTER_MEMORY_PROBE_FLAG, dir, JSON.stringify(keys)], { timeout: 300_000 }, (error, out) => (error ? reject(error) : resolve(out))),
    );
    return (JSON.parse(stdout) as { mainRssMb: number }).mainRssMb;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TARGETS = { barcodeLookupVsBare: 2, nameSearchVsBare: 2, saleVsBareInsert: 1.5, scanToPaintP95Ms: 16, mainRssMb: 150 };

/** Issue 7's figures, under `register` (checks read them by these names). */
export const registerSection: BenchSection = {
  name: 'register',
  async run() {
    const catalog = await catalogBench({ products: PRODUCTS });
    const sale = await saleVsBareInsert(Number(process.env.BENCH_SALE_ROUNDS ?? 9), Number(process.env.BENCH_SALES_PER_ROUND ?? 30));
    const { scanToPaintP95Ms } = await scanToPaintBench();
    const rss = await mainRssMb();
    const figures = {
      barcodeLookupVsBare: catalog.barcodeLookupVsBare,
      nameSearchVsBare: catalog.nameSearchVsBare,
      saleVsBareInsert: sale.ratio,
      scanToPaintP95Ms,
      mainRssMb: rss,
    };
    return {
      register: { ...figures, saleCompletionMs: sale.serviceMs, bareSaleInsertMs: sale.bareMs, catalog },
      targets: { register: TARGETS },
      withinTargets: { register: Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, value <= TARGETS[name as keyof typeof TARGETS]])) },
    };
  },
};
