import { fork } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, signInThroughUi } from '../support/browser';
import { keyboardScanner, openShiftIfNeeded } from '../support/register';

// The browser side of the scan → paint figures: Chromium driven by Playwright, in a process of its
// own. The terminal's main process never shares its event loop with a test driver (under Electron the
// driver is not even on the machine), so the bench keeps Playwright's own work (acknowledging every
// key it sends, polling the page) out of the process whose answers it times.

export const SCAN_DRIVER_FLAG = '--scan-driver';

export interface ScanPlan {
  url: string;
  staff: { name: string; pin: string };
  barcodes: string[];
  /** The sale is cleared before every linesPerSale-th scan, as a cashier's day empties the register. */
  linesPerSale: number;
  /** No scanner reaches the scan channel's rate limit: scans start at least this far apart. */
  scanEveryMs: number;
  /** Where a failure's screenshot goes. */
  failureScreenshot: string;
}

export interface ScanSamples {
  /** Enter's keydown → the frame after its cart line is in the page, per scan. */
  samples: number[];
  /** The scan's call to main, from the page's resource timing. */
  roundTrips: number[];
}

/** Driver → bench: before each scan (outside its timing) the bench gives its terminal's background work a turn. */
type DriverMessage = { kind: 'before-scan'; index: number } | { kind: 'done'; result: ScanSamples } | { kind: 'failed'; message: string };
/** Bench → driver. */
type BenchMessage = { kind: 'plan'; plan: ScanPlan } | { kind: 'go-on' };

/** Installs the in-page probe: Enter's event time → the animation frame after a new cart line is in the DOM. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = {
      start: 0,
      before: 0,
      samples: [] as number[],
      roundTrips: [] as number[],
      waiting: null as { count: number; resolve: () => void } | null,
      /** Resolves once `count` samples are in: asked before the keys are sent, so nothing of the driver's runs in the page while a scan is timed. */
      sampled(count: number, timeoutMs: number): Promise<boolean> {
        if (probe.samples.length >= count) return Promise.resolve(true);
        return new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), timeoutMs);
          probe.waiting = {
            count,
            resolve: () => {
              clearTimeout(timer);
              resolve(true);
            },
          };
        });
      },
    };
    (window as unknown as { __scanProbe: typeof probe }).__scanProbe = probe;
    const lines = () => document.querySelectorAll('.cart-line').length;
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Enter') return;
        probe.start = event.timeStamp;
        probe.before = lines();
      },
      true,
    );
    new MutationObserver(() => {
      if (!probe.start || lines() <= probe.before) return;
      const start = probe.start;
      probe.start = 0;
      // The scan's call to main, from the page's resource timing: what the bridge and main took of it.
      const call = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('sales.addByBarcode'))
        .at(-1) as PerformanceResourceTiming | undefined;
      if (call && call.startTime >= start) probe.roundTrips.push(call.responseEnd - call.startTime);
      performance.clearResourceTimings();
      requestAnimationFrame(() => {
        probe.samples.push(performance.now() - start);
        if (probe.waiting && probe.samples.length >= probe.waiting.count) probe.waiting.resolve();
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
}

async function driveScans(plan: ScanPlan, beforeScan: (index: number) => Promise<void>): Promise<ScanSamples> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(plan.url);
    await signInThroughUi(page, plan.staff.name, plan.staff.pin);
    await openShiftIfNeeded(page, '100.00');
    await installProbe(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    // Timed from the Enter's arrival in the page: keys keep the time they reached the browser.
    const scanner = await keyboardScanner(page, { stamped: false });
    for (const [i, barcode] of plan.barcodes.entries()) {
      await beforeScan(i);
      if (i > 0 && i % plan.linesPerSale === 0) {
        await page.getByRole('button', { name: 'Clear', exact: true }).click();
        await page.getByRole('button', { name: 'Clear sale' }).click();
        await page.locator('.cart-line').first().waitFor({ state: 'detached' });
        await page.locator('body').click({ position: { x: 5, y: 5 } });
      }
      const started = Date.now();
      const sampled = page.evaluate(
        (n) =>
          (window as unknown as { __scanProbe: { sampled(n: number, timeoutMs: number): Promise<boolean> } }).__scanProbe.sampled(
            n,
            10_000,
          ),
        i + 1,
      );
      await scanner.scan(barcode);
      if (!(await sampled)) {
        await page.screenshot({ path: plan.failureScreenshot });
        throw new Error(
          `scan ${i} never showed its line (the register said: ${(await page.locator('#register-status').textContent()) || 'nothing'})`,
        );
      }
      const wait = plan.scanEveryMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return await page.evaluate(() => {
      const { samples, roundTrips } = (window as unknown as { __scanProbe: ScanSamples }).__scanProbe;
      return { samples, roundTrips };
    });
  } finally {
    await browser.close();
  }
}

/** Bench side: runs the plan in a driver process; `beforeScan` runs here, in the terminal's process. */
export function runScanDriver(plan: ScanPlan, beforeScan: (index: number) => Promise<void>): Promise<ScanSamples> {
  return new Promise((resolve, reject) => {
    const child = fork(path.resolve(process.argv[1] ?? ''), [SCAN_DRIVER_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    child.on('message', (message: DriverMessage) => {
      if (message.kind === 'before-scan') {
        beforeScan(message.index).then(
          () => child.send({ kind: 'go-on' } satisfies BenchMessage),
          (error: unknown) => {
            child.kill();
            settle(() => reject(error instanceof Error ? error : new Error(String(error))));
          },
        );
      } else if (message.kind === 'done') settle(() => resolve(message.result));
      else settle(() => reject(new Error(message.message)));
    });
    child.on('error', (error) => settle(() => reject(error)));
    child.on('close', (code) => settle(() => reject(new Error(`the scan driver exited with ${String(code)} before it finished`))));
    child.send({ kind: 'plan', plan } satisfies BenchMessage);
  });
}

/** Driver side: `node dist/bench/index.cjs --scan-driver`, forked by runScanDriver. */
export function scanDriverMain(): void {
  const send = (message: DriverMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  let goOn: (() => void) | null = null;
  process.on('message', (message: BenchMessage) => {
    if (message.kind === 'go-on') goOn?.();
    else
      void driveScans(message.plan, (index) => {
        const turn = new Promise<void>((resolve) => (goOn = resolve));
        return send({ kind: 'before-scan', index }).then(() => turn);
      }).then(
        (result) => send({ kind: 'done', result }).then(() => process.exit(0)),
        (error: unknown) =>
          send({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }).then(() =>
            process.exit(1),
          ),
      );
  });
}
