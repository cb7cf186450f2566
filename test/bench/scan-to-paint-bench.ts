import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createCatalog } from '../../electron/main/catalog';
import type { AppCore } from '../../electron/main/core/app-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { Keychain } from '../../electron/main/secrets/keychain';
import type { TerminalSyncOptions } from '../../electron/main/core/terminal-sync';
import type { Sync } from '../../electron/main/sync/create-sync';
import type { ProductInput } from '../../shared/domain/catalog';
import { gtinCheckDigit } from '../../shared/domain/gtin';
import { seedStaff, startAppHost } from '../support/browser';
import { memoryKeychain } from '../support/memory-keychain';
import { openTestStorage, tempDir } from '../support/storage';
import { runScanDriver } from './scan-driver';

// `register.scanToPaintP95Ms`: in headless Chromium, through the real bridge (browser host → core →
// encrypted database with the catalog loaded through the catalog service's applyChanges), the time from a scan's Enter keydown to the frame that shows its cart line,
// measured in the page with performance.now(); p95 over SCANS scans with a 100,000-product catalog.
// The terminal runs here; Chromium and Playwright run in a driver process (scan-driver.ts).
// Needs `npm run build` first (the browser host serves dist/renderer).

const PRODUCTS = Number(process.env.BENCH_CATALOG_PRODUCTS ?? 100_000);
const SCANS = Number(process.env.BENCH_SCANS ?? 200);
// Real carts are short: the register is emptied every LINES_PER_SALE scans, as a cashier's day goes
// (the test sets 12, so its run of 20 scans clears a sale once).
const LINES_PER_SALE = Number(process.env.BENCH_LINES_PER_SALE ?? 20);
// The scan channel's rate limit (15/s) is a floor no scanner reaches: stay under it.
const SCAN_EVERY_MS = 80;

function barcodeOf(i: number): string {
  const body = `20${String(i).padStart(10, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export function benchProducts(count: number): ProductInput[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `BENCH-${i}`,
    name: `Bench product ${String(i).padStart(6, '0')}`,
    group: `Group ${i % 12}`,
    priceMinor: 99 + (i % 5000),
    taxCategoryId: i % 3 === 0 ? 'bench-reduced' : 'bench-standard',
    soldBy: 'unit' as const,
    barcodes: [barcodeOf(i)],
    active: true,
  }));
}

/** Replaces the demo catalog with the bench's products in one batch, as a sync from the NoPOS API would. */
function loadCatalog(storage: TerminalStorage, products: ProductInput[]): void {
  // Before the core runs (it reads the catalog's version when it builds its own catalog face).
  const catalog = createCatalog({
    db: storage.db,
    audit: storage.audit,
    storeCurrency: () => storage.settings.current().values.store.currency,
  }).service;
  catalog.clear(null);
  catalog.applyChanges(
    {
      taxCategories: [
        { id: 'bench-reduced', name: 'Reduced', rateBp: 700 },
        { id: 'bench-standard', name: 'Standard', rateBp: 1900 },
      ],
      upsert: products,
    },
    'api',
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Work that runs in the terminal's main process while the scans are made (e.g. a backlog syncing). */
export interface ScanBackground {
  /** Sync's options: the terminal's core builds sync over the storage. */
  sync?: TerminalSyncOptions;
  /** Called once the core (and its sync) runs, before the page opens: e.g. enroll and start syncing. */
  started?(sync: Sync): Promise<void>;
  /** Called before each scan, outside its timing: e.g. queue the next backlog once one has drained. */
  beforeScan?(): Promise<void>;
  close?(): Promise<void>;
}

export interface ScanToPaintOptions {
  /** Set up over the terminal's storage before the page opens. */
  background?: (storage: TerminalStorage, keychain: Keychain) => Promise<ScanBackground>;
  /** Called once the terminal's core runs, before the first scan (e.g. to give its devices work). */
  withCore?: (core: AppCore) => ScanBackground;
  scans?: number;
}

export async function scanToPaintBench(
  options: ScanToPaintOptions = {},
): Promise<{ scanToPaintP95Ms: number; scanRoundTripP95Ms: number; scans: number }> {
  const scans = options.scans ?? SCANS;
  const root = process.env.BENCH_DIR ?? path.resolve('test-results', 'bench');
  mkdirSync(root, { recursive: true });
  const scratch = tempDir('bench-scan');
  const keychain = memoryKeychain();
  const storage = await openTestStorage(keychain, scratch.dir);
  loadCatalog(storage, benchProducts(PRODUCTS));
  await seedStaff(storage, 'Bench', 'cashier', '482913');
  // The bench clears each sale of LINES_PER_SALE lines itself; a store's policy would ask for a manager.
  storage.settings.update({ policies: { clearApprovalLines: LINES_PER_SALE } }, null);
  const background = options.background ? await options.background(storage, keychain) : null;
  const { host, core } = await startAppHost(storage, background?.sync ? { sync: background.sync } : {});
  if (core.sync) await background?.started?.(core.sync);
  const coreWork = options.withCore?.(core) ?? null;
  try {
    const { samples, roundTrips } = await runScanDriver(
      {
        url: host.newAppUrl(),
        staff: { name: 'Bench', pin: '482913' },
        // Spread over the catalog so lookups are not all near one end of the index.
        barcodes: Array.from({ length: scans }, (_, i) => barcodeOf((i * 7_919) % PRODUCTS)),
        linesPerSale: LINES_PER_SALE,
        scanEveryMs: SCAN_EVERY_MS,
        failureScreenshot: path.join(root, 'scan-to-paint-failure.png'),
      },
      async () => {
        await background?.beforeScan?.();
        await coreWork?.beforeScan?.();
      },
    );
    return {
      scanToPaintP95Ms: Math.round(percentile(samples, 0.95) * 10) / 10,
      scanRoundTripP95Ms: Math.round(percentile(roundTrips.length > 0 ? roundTrips : [0], 0.95) * 10) / 10,
      scans: samples.length,
    };
  } finally {
    await host.close();
    await background?.close?.();
    await coreWork?.close?.();
    storage.close();
    scratch.cleanup();
  }
}
