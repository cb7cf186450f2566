import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { type Sync } from '../../electron/main/sync';
import { ARTIFACTS, launchChromium, seedStaff, signInThroughUi, startAppHost, watchForProblems } from '../support/browser';
import { openShiftIfNeeded, sellableProducts, sellForExactCash } from '../support/register';
import { startSandboxProcess, type SandboxProcess } from '../support/sandbox-process';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';

// Selling while the NoPOS API is unreachable, in Chromium through the browser host: the status bar
// says Offline and how many items wait; when the sandbox answers again the queue drains to zero.

let browser: Browser;
let storage: TerminalStorage;
let sandbox: SandboxProcess;
let sync: Sync;
let host: BrowserHost;
let page: Page;
const scratch = tempDir('e2e-offline-sync');

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  sandbox = await startSandboxProcess();
  const keychain = realKeychain('e2e-offline-sync');
  storage = await openTestStorage(keychain, scratch.dir);
  await seedStaff(storage, 'Cass', 'cashier', '482913');
  // Production logic, test-sized waits: an offline terminal tries the link again every 300 ms.
  const started = await startAppHost(storage, {
    sync: {
      keychain,
      baseUrl: sandbox.url,
      caPem: sandbox.caPem,
      exportDir: path.join(scratch.dir, 'exports'),
      timings: { backoff: { baseMs: 50, capMs: 300 }, offlineProbeCapMs: 300, idleMs: 3_600_000, nudgeMs: 50 },
      transport: { connectTimeoutMs: 1_000, responseTimeoutMs: 2_000 },
    },
  });
  host = started.host;
  sync = started.core.sync!;
  await sync.enrollment.enroll(sandbox.code, 'admin', null);
  sync.engine.start();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  sync?.close();
  await sync?.engine.idle();
  storage?.close();
  await sandbox?.stop();
  scratch.cleanup();
});

const connectivity = () => page.getByTestId('sync-connectivity');
const waiting = () => page.getByTestId('sync-pending');

describe('selling offline, then syncing', () => {
  it('sells by cash while the sandbox is offline, shows it, and drains the queue when it is back', async () => {
    const problems = watchForProblems(page);
    await page.goto(host.newAppUrl());
    await signInThroughUi(page, 'Cass', '482913');
    await openShiftIfNeeded(page, '100.00');
    await connectivity()
      .filter({ hasText: /^Online$/ })
      .waitFor({ timeout: 20_000 });

    await sandbox.setOffline(true);
    const products = await sellableProducts(page);
    const sold: string[] = [];
    for (let i = 0; i < 3; i++) sold.push((await sellForExactCash(page, [products[i % products.length]!.barcodes[0]!])).sale.saleId);
    // Card sales join here when the card tender lands (issue 10, payments): sold by card while
    // offline, queued as `payment` items, and drained with the rest below.

    await connectivity()
      .filter({ hasText: /^Offline$/ })
      .waitFor({ timeout: 20_000 });
    const queued = sync.queue.pendingStats().count;
    expect(queued).toBeGreaterThanOrEqual(sold.length);
    await waiting()
      .filter({ hasText: new RegExp(`^${queued} waiting$`) })
      .waitFor();
    // Offline is a banner, not small red text (issue 15, item 15).
    const banner = page.getByTestId('sync-offline-banner');
    await banner.filter({ hasText: 'Keep selling: sales are kept here and sync when the link is back.' }).waitFor();
    expect(await connectivity().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(22);
    expect(await page.locator('.shell__status').evaluate((el) => getComputedStyle(el).backgroundColor)).not.toMatch(
      /^rgb\(255, 255, 255\)$/,
    );
    await expect(page.getByTestId('sync-oldest').textContent()).resolves.toMatch(/^oldest 0 min · warning in (24 h 0|23 h 59) min/);
    const axe = await new AxeBuilder({ page })
      .include('[data-testid="sync-status"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${String(v.nodes[0]?.target)}`)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sync-offline-queue.png') });
    expect([...sandbox.clientIdCounts().keys()].filter((id) => sold.includes(id))).toEqual([]);

    await sandbox.setOffline(false);
    await connectivity()
      .filter({ hasText: /^Online$/ })
      .waitFor({ timeout: 20_000 });
    await waiting()
      .filter({ hasText: /^0 waiting$/ })
      .waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('sync-offline-banner').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sync-drained.png') });
    const counts = sandbox.clientIdCounts();
    expect(sold.map((id) => counts.get(id))).toEqual([1, 1, 1]);
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  }, 120_000);

  // Regression (issue 15, item 8): signing out with unsynced items gave no warning.
  it('says how many items wait when staff sign out, and keeps syncing with nobody signed in', async () => {
    const problems = watchForProblems(page);
    await page.goto(host.newAppUrl());
    // The test before may have left Cass signed in (with nothing waiting).
    const signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
    await signOutButton.or(page.getByRole('heading', { name: 'Sign in' })).waitFor();
    if (await signOutButton.isVisible()) await signOutButton.click();
    await signInThroughUi(page, 'Cass', '482913');
    await openShiftIfNeeded(page, '100.00');
    await waiting()
      .filter({ hasText: /^0 waiting$/ })
      .waitFor({ timeout: 20_000 });

    await sandbox.setOffline(true);
    const products = await sellableProducts(page);
    const sold = (await sellForExactCash(page, [products[0]!.barcodes[0]!])).sale.saleId;
    await connectivity()
      .filter({ hasText: /^Offline$/ })
      .waitFor({ timeout: 20_000 });
    const queued = sync.queue.pendingStats().count;
    expect(queued).toBeGreaterThanOrEqual(1);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out?' });
    await expect(dialog.getByTestId('sign-out-waiting').textContent()).resolves.toBe(
      `${queued === 1 ? '1 item waits' : `${queued} items wait`} to be sent to NoPOS. They are kept on this terminal and sync as soon as NoPOS can be reached, while the terminal runs or at the next sign-in.`,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'sign-out-with-waiting-items.png') });
    // Staying signed in changes nothing.
    await dialog.getByRole('button', { name: /Stay signed in/ }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('dialog', { name: 'Sign out?' }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Nobody is signed in: sync carries on and the status bar on the sign-in screen shows it.
    await sandbox.setOffline(false);
    await connectivity()
      .filter({ hasText: /^Online$/ })
      .waitFor({ timeout: 20_000 });
    await waiting()
      .filter({ hasText: /^0 waiting$/ })
      .waitFor({ timeout: 20_000 });
    expect(sandbox.clientIdCounts().get(sold)).toBe(1);
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  }, 120_000);
});
