import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { queueItem } from '../support/storage';
import type { SecretName } from '../../electron/main/secrets/keychain';
import { shortId, uuidv7 } from '../../shared/domain/ids';
import type { SaleView } from '../../shared/domain/sale';
import { elapsedMs, median, rotated, round3, type BenchSection } from './bench-kit';
import { openTill, PRODUCTS } from './bench-till';
import { PROBES_BUNDLE, REGISTER_MEMORY_PROBE_FLAG } from './probe-flags';
import { catalogBench } from './catalog-bench';
import { benchProducts, scanToPaintBench } from './scan-to-paint-bench';

// Smaller sizes only for the test that checks the report's shape (test/integration/bench.test.ts).
const SALES_FOR_MEMORY = Number(process.env.BENCH_REGISTER_SALES ?? 10_000);
const SALES_PER_SHIFT = 1_000;

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
    const skus = till.core.catalog.service.browse(till.core.catalog.service.info().groups[0] ?? '', 0, 5).map((p) => p.sku);
    const bare = await openTill(bareDir);
    const insert = bareStatements(bare.storage);

    const service = async (): Promise<number> => {
      let total = 0;
      for (let i = 0; i < salesPerRound; i++) {
        let sale: SaleView | null = null;
        for (const sku of skus) {
          const added = till.core.register.cart.addProduct(sku, 1 + (i % 3), till.staffId);
          if (added.outcome === 'added') sale = added.sale;
        }
        if (!sale) throw new Error('nothing to sell');
        const open = sale;
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
      for (const which of rotated(['service', 'bare'] as const, round))
        results[which].push(which === 'service' ? await service() : bareRun());
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

const cashOf = (due: number) => ({
  method: 'cash' as const,
  opensDrawer: false,
  settle: () => ({
    method: 'cash' as const,
    amountMinor: due,
    status: 'captured' as const,
    cash: { givenMinor: due, changeMinor: 0, roundingMinor: 0 },
    card: null,
  }),
});

/** The rows a completed 5-line sale consists of, written directly: what the register's write costs at least. */
function bareStatements(storage: TerminalStorage): (i: number) => void {
  const db = storage.db;
  const shift = uuidv7();
  db.prepare(
    "INSERT INTO shifts (id, status, currency, opened_at, opened_by, float_minor) VALUES (?, 'open', 'EUR', ?, 'st_bench000000', 0)",
  ).run(shift, new Date().toISOString());
  const sale = db.prepare(
    "INSERT INTO sales (id, status, shift_id, opened_by, opened_at, currency, tax_mode, total_minor, completed_at, updated_at) VALUES (?, 'completed', ?, 'st_bench000000', ?, 'EUR', 'inclusive', ?, ?, ?)",
  );
  const line = db.prepare(
    "INSERT INTO sale_lines (id, sale_id, position, product_id, name, sold_by, quantity, unit_price_minor, tax_category_id, tax_rate_bp) VALUES (?, ?, ?, ?, 'Bench product', 'unit', 1, 250, 'standard', 2000)",
  );
  const payment = db.prepare(
    "INSERT INTO payments (id, sale_id, method, amount_minor, status, given_minor, change_minor, rounding_minor, taken_at) VALUES (?, ?, 'cash', 1250, 'captured', 1250, 0, 0, ?)",
  );
  const doc = db.prepare(
    "INSERT INTO documents (seq, receipt_number, kind, ref_id, shift_id, staff_id, completed_at) VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM documents), ?, 'sale', ?, ?, 'st_bench000000', ?)",
  );
  return db.transaction((_i: number) => {
    const id = uuidv7();
    const at = new Date().toISOString();
    sale.run(id, shift, at, 1250, at, at);
    for (let k = 0; k < 5; k++) line.run(shortId('ln'), id, k + 1, `SKU-${k}`);
    payment.run(uuidv7(), id, at);
    doc.run(`BENCH-${id}`, id, shift, at);
    storage.audit.record({ action: 'sale.completed', actorId: 'st_bench000000', target: id, amount: { minor: 1250, currency: 'EUR' } });
    queueItem(storage, { clientId: id, kind: 'sale', payload: { clientId: id, lines: 5, totalMinor: 1250 } });
  }).immediate as unknown as (i: number) => void;
}

/** A data folder with the 100k catalog and SALES_FOR_MEMORY completed sales in shifts of SALES_PER_SHIFT. */
async function storeWithHistory(dir: string): Promise<Partial<Record<SecretName, string>>> {
  const till = await openTill(dir);
  // Setup only, not measured: fsync per write would make building 10,000 sales take minutes.
  till.storage.db.pragma('synchronous = OFF');
  till.core.catalog.service.clear(null);
  till.core.catalog.service.applyChanges(
    {
      taxCategories: [
        { id: 'bench-reduced', name: 'Reduced', rateBp: 700 },
        { id: 'bench-standard', name: 'Standard', rateBp: 1900 },
      ],
      upsert: benchProducts(PRODUCTS),
    },
    'api',
  );
  // Straight to the register's services: the page's rate limits would make this take many minutes.
  const { cart, checkout, shifts } = till.core.register;
  const staff = till.staffId;
  for (let i = 0; i < SALES_FOR_MEMORY; i++) {
    if (i % SALES_PER_SHIFT === 0) {
      if (i > 0) shifts.close(0, staff, 'any');
      shifts.open(10_000, staff);
    }
    cart.addProduct(`BENCH-${(i * 31) % PRODUCTS}`, 1 + (i % 3), staff);
    const added = cart.addProduct(`BENCH-${(i * 17) % PRODUCTS}`, undefined, staff);
    if (added.outcome !== 'added') throw new Error(`bench sale ${i}: ${added.outcome}`);
    await checkout.tender(added.sale.saleId, uuidv7(), cashOf(added.sale.cashDueMinor), staff);
  }
  till.storage.close();
  return till.keys;
}

async function mainRss(): Promise<{ mainRssMb: number; stagesMb: Record<string, number> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nopos-bench-history-'));
  try {
    const keys = await storeWithHistory(dir);
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [PROBES_BUNDLE, REGISTER_MEMORY_PROBE_FLAG, dir, JSON.stringify(keys)],
        { timeout: 300_000 },
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    return JSON.parse(stdout) as { mainRssMb: number; stagesMb: Record<string, number> };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Scan → paint counts up to the frame after the line is in the page: two frames (33 ms) at 60 Hz, of
// which the round trip through the bridge may take 10 ms (issue 15).
const TARGETS = {
  barcodeLookupVsBare: 2,
  nameSearchVsBare: 2,
  saleVsBareInsert: 1.5,
  scanToPaintP95Ms: 33,
  scanRoundTripP95Ms: 10,
  mainRssMb: 150,
};

/** Issue 7's figures, under `register` (checks read them by these names). */
export const registerSection: BenchSection = {
  name: 'register',
  async run() {
    // BENCH_REGISTER_PARTS=sale,memory measures only those (while working on one figure).
    const parts = new Set((process.env.BENCH_REGISTER_PARTS ?? 'catalog,sale,scan,memory').split(','));
    const figures: Partial<Record<keyof typeof TARGETS, number>> = {};
    const details: Record<string, unknown> = {};
    if (parts.has('catalog')) {
      const catalog = await catalogBench({ products: PRODUCTS });
      Object.assign(figures, { barcodeLookupVsBare: catalog.barcodeLookupVsBare, nameSearchVsBare: catalog.nameSearchVsBare });
      details.catalog = catalog;
    }
    if (parts.has('sale')) {
      const sale = await saleVsBareInsert(Number(process.env.BENCH_SALE_ROUNDS ?? 9), Number(process.env.BENCH_SALES_PER_ROUND ?? 30));
      figures.saleVsBareInsert = sale.ratio;
      Object.assign(details, { saleCompletionMs: sale.serviceMs, bareSaleInsertMs: sale.bareMs });
    }
    if (parts.has('scan')) {
      const scans = await scanToPaintBench();
      figures.scanToPaintP95Ms = scans.scanToPaintP95Ms;
      figures.scanRoundTripP95Ms = scans.scanRoundTripP95Ms;
    }
    if (parts.has('memory')) {
      const rss = await mainRss();
      figures.mainRssMb = rss.mainRssMb;
      details.mainRssStagesMb = rss.stagesMb;
    }
    return {
      register: { ...figures, ...details },
      targets: { register: TARGETS },
      withinTargets: {
        register: Object.fromEntries(
          Object.entries(figures).map(([name, value]) => [name, value <= TARGETS[name as keyof typeof TARGETS]]),
        ),
      },
    };
  },
};
