import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { type Sync } from '../../electron/main/sync';
import {
  ARTIFACTS,
  blockingA11yIssues,
  launchChromium,
  seedStaff,
  signInThroughUi,
  startAppHost,
  watchForProblems,
} from '../support/browser';
import { currentSale, openShiftIfNeeded, scan, sellableProducts } from '../support/register';
import { startTestSandbox, type TestSandbox } from '../support/sandbox-client';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';
import { FAST_SYNC } from '../support/sync-terminal';

// A card sale in Chromium through the browser host, enrolled with the sandbox over HTTPS on loopback:
// sold while the sandbox is offline (stored for forwarding, the status bar counts it), then the
// sandbox comes back and the payment reaches it exactly once.

let sb: TestSandbox;
let storage: TerminalStorage;
let sync: Sync;
let host: BrowserHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
let terminalId: string;
const scratch = tempDir('e2e-card-sync');

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
  const keychain = realKeychain('e2e-card-sync');
  storage = await openTestStorage(keychain, scratch.dir);
  const started = await startAppHost(storage, {
    sync: {
      keychain,
      baseUrl: sb.sandbox.url,
      caPem: sb.sandbox.caPem,
      exportDir: path.join(scratch.dir, 'exports'),
      timings: FAST_SYNC,
      transport: { responseTimeoutMs: 3_000, connectTimeoutMs: 2_000 },
    },
  });
  host = started.host;
  sync = started.core.sync!;
  const code = await sb.admin('POST', '/admin/enrollment-codes', {});
  terminalId = (await sync.enrollment.enroll(code.json.code, 'admin', null)).terminalId;
  sync.engine.start();
  await seedStaff(storage, 'Cass', 'cashier', '482913');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  problems = watchForProblems(page);
  await page.goto(host.newAppUrl());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  sync?.close();
  await sync?.engine.idle();
  storage?.close();
  await sb?.cleanup();
  scratch.cleanup();
});

const sandboxPayments = () =>
  sb.sandbox.services.db.prepare('SELECT client_id, offline, status, amount_minor FROM payments WHERE terminal_id = ?').all(terminalId) as {
    client_id: string;
    offline: number;
    status: string;
    amount_minor: number;
  }[];

describe('a card sale while the sandbox is offline, in the browser', () => {
  it('is stored for forwarding, counted in the status bar, and reaches the sandbox once when it is back', async () => {
    await signInThroughUi(page, 'Cass', '482913');
    await openShiftIfNeeded(page, '100.00');
    await page.getByTestId('sync-connectivity').filter({ hasText: 'Online' }).waitFor();
    await page.getByTestId('sync-now').click();
    await page
      .getByTestId('sync-pending')
      .filter({ hasText: /^0 waiting$/ })
      .waitFor();

    await sb.admin('PUT', '/admin/faults', { offline: true });
    const products = await sellableProducts(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, products[0]!.barcodes[0]!);
    await page.locator('.cart-line').first().waitFor();
    const sale = (await currentSale(page))!;

    await page.getByRole('button', { name: /^Card/ }).click();
    await page.getByTestId('test-card').selectOption('approve');
    await page.getByRole('button', { name: /^Take card/ }).click();
    await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
    // The sale and its card payment wait; the status bar says offline and counts them.
    await page.getByTestId('sync-connectivity').filter({ hasText: 'Offline' }).waitFor();
    await page
      .getByTestId('sync-pending')
      .filter({ hasText: /^2 waiting$/ })
      .waitFor();
    expect(sandboxPayments()).toEqual([]);
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'card-sale-offline.png'), fullPage: true });

    await sb.admin('PUT', '/admin/faults', {});
    await page.getByTestId('sync-now').click();
    await page
      .getByTestId('sync-pending')
      .filter({ hasText: /^0 waiting$/ })
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('sync-connectivity').filter({ hasText: 'Online' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'card-sale-synced.png'), fullPage: true });

    const stored = storage.db.prepare("SELECT client_id FROM outbox WHERE kind = 'payment'").all() as { client_id: string }[];
    expect(stored).toHaveLength(1);
    expect(sandboxPayments()).toEqual([
      { client_id: stored[0]!.client_id, offline: 1, status: 'approved', amount_minor: sale.totals.totalMinor },
    ]);
    const sales = sb.sandbox.services.db
      .prepare('SELECT count(*) AS n FROM transactions WHERE terminal_id = ? AND client_id = ?')
      .get(terminalId, sale.saleId) as { n: number };
    expect(sales.n).toBe(1);
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  });
});
