import type { Page } from 'playwright-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { SaleView } from '../../shared/domain/sale';
import { uuidv7 } from '../../shared/domain/ids';
import { launchChromium, seedStaff, signInThroughUi, startAppHost } from '../support/browser';
import { FakeEscPosPrinter } from '../support/fake-escpos-printer';
import { memoryKeychain } from '../support/memory-keychain';
import { openShiftIfNeeded, scan } from '../support/register';
import { openTestStorage, tempDir } from '../support/storage';
import { terminalFixture, type TerminalFixture } from '../support/terminal-fixture';
import { round3, type BenchSection } from './bench-kit';
import { scanToPaintBench } from './scan-to-paint-bench';

// Devices section of `npm run bench` (issue 17), under `devices`:
// - completeToFirstPrintByteMs: a cash sale's completing answer to the first byte of its receipt at the
//   fake ESC/POS printer on 127.0.0.1 (printed by itself, behind the sale's drawer kick), p95;
// - scanToCustomerDisplayP95Ms: a scan's Enter in the register page to the frame that shows the line on
//   the customer display page (the browser host's second screen), p95;
// - scanP95MsWithHungPrinter / hungPrinterScanRatio: the register's scan → paint p95 while the printer
//   accepts connections and never answers, against the same with the printer fine.
// Figures and ratios only; nothing here asserts a time.

const SALES = Number(process.env.BENCH_DEVICES_SALES ?? 100);
const DISPLAY_SCANS = Number(process.env.BENCH_DEVICES_SCANS ?? 100);
const TARGETS = { completeToFirstPrintByteMs: 50, scanToCustomerDisplayP95Ms: 50, hungPrinterScanRatio: 1.1 };

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
}

function escposSettings(storage: TerminalStorage, port: number): void {
  storage.settings.update(
    { devices: { printer: { connection: 'tcp', host: '127.0.0.1', port }, drawer: { connection: 'printer' } } },
    null,
  );
}

/** The bench runs outside vitest: a channel that must succeed, without `expect`. */
async function ok<T>(t: TerminalFixture, channel: string, payload?: unknown): Promise<T> {
  const result = await t.call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function startSale(t: TerminalFixture): Promise<SaleView> {
  if (!(await ok(t, 'shifts.current'))) await ok(t, 'shifts.open', { floatMinor: 10_000 });
  return (await ok<{ sale: SaleView }>(t, 'sales.addByBarcode', { code: '4006381333931' })).sale;
}

/** The index of the connection that carried a receipt (it ends with a cut; the kick's came before it). */
const receiptConnection = (printer: FakeEscPosPrinter) =>
  printer.connections.findIndex((bytes) => bytes.includes(0x1d) && bytes.includes(0x56));

async function receiptArrived(printer: FakeEscPosPrinter): Promise<number | undefined> {
  for (let i = 0; i < 1_000; i++) {
    const index = receiptConnection(printer);
    if (index >= 0 && printer.firstPrintByteAt[index] !== undefined) return printer.firstPrintByteAt[index];
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return undefined;
}

async function completeToFirstPrintByte(printer: FakeEscPosPrinter): Promise<number> {
  const t = await terminalFixture();
  try {
    escposSettings(t.storage, printer.port);
    const cashier = await t.addStaff('Bench', 'cashier', '482913');
    await t.core.session.signIn(cashier, '482913');
    const samples: number[] = [];
    for (let i = 0; i < SALES; i++) {
      printer.reset();
      // The scan channel's rate limit runs on the terminal's clock: move it on, not the bench.
      t.clock.advance(1);
      const sale = await startSale(t);
      await ok<{ sale: SaleView }>(t, 'sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: sale.cashDueMinor });
      const completedAt = performance.now();
      // The receipt prints by itself (the printer's default `receipts: auto`): nothing more is asked.
      const first = await receiptArrived(printer);
      if (first === undefined) throw new Error(`sale ${i}: its receipt never reached the printer`);
      samples.push(first - completedAt);
      await t.core.devices.idle();
    }
    return p95(samples);
  } finally {
    await t.core.devices.idle();
    t.close();
  }
}

/** On the display page: the animation frame after the expected product's name appears, as epoch ms. */
async function installDisplayProbe(display: Page): Promise<void> {
  await display.evaluate(() => {
    const probe = { expect: '', shownAt: [] as number[] };
    (window as unknown as { __display: typeof probe }).__display = probe;
    new MutationObserver(() => {
      if (!probe.expect || !document.body.textContent?.includes(probe.expect)) return;
      probe.expect = '';
      requestAnimationFrame(() => probe.shownAt.push(performance.timeOrigin + performance.now()));
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

async function scanToCustomerDisplay(printerPort: number): Promise<number> {
  const scratch = tempDir('bench-display');
  const storage = await openTestStorage(memoryKeychain(), scratch.dir);
  escposSettings(storage, printerPort);
  storage.settings.update({ devices: { customerDisplay: { kind: 'window' } }, policies: { clearApprovalLines: 20 } }, null);
  await seedStaff(storage, 'Bench', 'cashier', '482913');
  const { host } = await startAppHost(storage);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const display = await context.newPage();
    await display.goto(host.customerDisplayUrl());
    await display.getByText('Welcome').waitFor();
    await installDisplayProbe(display);
    await page.goto(host.newAppUrl());
    await signInThroughUi(page, 'Bench', '482913');
    await openShiftIfNeeded(page, '100.00');
    const products = await page.evaluate(async () => {
      const found: { name: string; code: string }[] = [];
      const info = await window.nopos.catalog.info();
      if (!info.ok) throw new Error(info.error.message);
      for (const group of info.data.groups) {
        const tiles = await window.nopos.catalog.browse({ group, limit: 100 });
        if (tiles.ok)
          for (const p of tiles.data)
            if (p.active && p.soldBy === 'unit' && p.barcodes[0] && p.barcodes[0].length >= 8)
              found.push({ name: p.name, code: p.barcodes[0] });
      }
      return found;
    });
    await page.evaluate(() => {
      const starts: number[] = [];
      (window as unknown as { __starts: number[] }).__starts = starts;
      window.addEventListener('keydown', (e) => e.key === 'Enter' && starts.push(performance.timeOrigin + e.timeStamp), true);
    });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const samples: number[] = [];
    for (let i = 0; i < DISPLAY_SCANS; i++) {
      if (i > 0 && i % 20 === 0) {
        await page.getByRole('button', { name: 'Clear', exact: true }).click();
        await page.getByRole('button', { name: 'Clear sale' }).click();
        await display.getByText('Welcome').waitFor();
        await page.locator('body').click({ position: { x: 5, y: 5 } });
      }
      // A product not already on the display, so its name appearing is this scan's line.
      const product = products[i % products.length]!;
      await display.evaluate((name) => ((window as unknown as { __display: { expect: string } }).__display.expect = name), product.name);
      await scan(page, product.code);
      await display
        .waitForFunction(
          (n) => (window as unknown as { __display: { shownAt: number[] } }).__display.shownAt.length >= n,
          samples.length + 1,
        )
        .catch(async (error: unknown) => {
          const shown = (await display.locator('body').textContent())?.slice(0, 300);
          throw new Error(`scan ${i} (${product.name}) never reached the customer display, which shows: ${shown}`, { cause: error });
        });
      const shown = await display.evaluate(() => (window as unknown as { __display: { shownAt: number[] } }).__display.shownAt.at(-1)!);
      const start = await page.evaluate(() => (window as unknown as { __starts: number[] }).__starts.at(-1)!);
      samples.push(shown - start);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    return p95(samples);
  } finally {
    await browser.close();
    await host.close();
    storage.close();
    scratch.cleanup();
  }
}

/**
 * Scan → paint with the printer fine or hung, the drawer kicked through the printer before every
 * fifth scan in both (a hung printer's job lasts its timeouts, so its queue never empties meanwhile).
 */
async function scanWithPrinter(printer: FakeEscPosPrinter, hung: boolean): Promise<number> {
  printer.reset();
  if (hung) {
    printer.faults = { hang: true };
    printer.state = 'silent';
  }
  const result = await scanToPaintBench({
    background: async (storage) => {
      escposSettings(storage, printer.port);
      return {};
    },
    withCore: (core) => {
      let scans = 0;
      return {
        beforeScan: async () => {
          if (scans++ % 5 === 0) void core.devices.drawer.open('no_sale').catch(() => undefined);
        },
        close: () => core.devices.idle(),
      };
    },
  });
  return result.scanToPaintP95Ms;
}

export const devicesSection: BenchSection = {
  name: 'devices',
  async run() {
    const printer = await FakeEscPosPrinter.start();
    try {
      const completeToFirstPrintByteMs = round3(await completeToFirstPrintByte(printer));
      printer.reset();
      const scanToCustomerDisplayP95Ms = round3(await scanToCustomerDisplay(printer.port));
      const fine = await scanWithPrinter(printer, false);
      const hung = await scanWithPrinter(printer, true);
      const figures = { completeToFirstPrintByteMs, scanToCustomerDisplayP95Ms, hungPrinterScanRatio: round3(hung / fine) };
      return {
        devices: { ...figures, scanP95MsWithHungPrinter: hung, scanP95MsWithPrinterFine: fine, sales: SALES, displayScans: DISPLAY_SCANS },
        targets: { devices: TARGETS },
        withinTargets: {
          devices: Object.fromEntries(
            Object.entries(figures).map(([name, value]) => [name, value <= TARGETS[name as keyof typeof TARGETS]]),
          ),
        },
      };
    } finally {
      await printer.close();
    }
  },
};
