import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import {
  ARTIFACTS,
  blockingA11yIssues,
  launchChromium,
  seedStaff,
  signInThroughUi,
  startAppHost,
  watchForProblems,
  openScreen,
  screenLabels,
} from '../support/browser';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';

// Settings and the audit check in Chromium, against real storage with an IT policy that locks the
// currency, and real staff sessions.

let browser: Browser;
let storage: TerminalStorage;
const scratch = tempDir('e2e-settings');
const hosts: BrowserHost[] = [];

beforeAll(async () => {
  storage = await openTestStorage(realKeychain('e2e-settings'), scratch.dir, { policy: { store: { currency: 'GBP' } } });
  await seedStaff(storage, 'Ada', 'admin', '739164');
  await seedStaff(storage, 'Manny', 'manager', '205837');
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

afterAll(async () => {
  await browser?.close();
  storage?.close();
  scratch.cleanup();
});

async function signedIn(name: string, pin: string): Promise<{ page: Page; problems: string[] }> {
  const { host } = await startAppHost(storage);
  hosts.push(host);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(host.newAppUrl());
  await signInThroughUi(page, name, pin);
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return { page, problems };
}

async function openSettings(page: Page): Promise<void> {
  await openScreen(page, 'Settings');
  await page.getByRole('heading', { name: 'Store', exact: true }).waitFor();
}

describe('settings screen', () => {
  it('shows IT-policy values as locked and disabled', async () => {
    const { page, problems } = await signedIn('Ada', '739164');
    await openSettings(page);
    const currency = page.getByLabel('Currency');
    await expect(currency.inputValue()).resolves.toBe('GBP');
    await expect(currency.isDisabled()).resolves.toBe(true);
    await expect(page.getByText('Locked by IT policy', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByLabel('Terminal ID').inputValue()).resolves.toBe(storage.terminalId);
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'settings.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('hides settings from a manager, and main refuses them even when the page asks anyway', async () => {
    const { page } = await signedIn('Manny', '205837');
    expect(await screenLabels(page)).not.toContain('Settings');
    const answer = await page.evaluate(() => window.nopos.settings.update({ store: { name: 'Sneaky Rename' } }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(storage.settings.current().values.store.name).toBe('My store');
  });

  it('checks amounts before sending and saves an admin change that survives a reload', async () => {
    const { page } = await signedIn('Ada', '739164');
    await openSettings(page);
    await page.getByLabel('Offline card limit per sale').fill('12.345');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('At most 2 digits after “.”.').waitFor();

    await page.getByLabel('Offline card limit per sale').fill('150.00');
    await page.getByLabel('Store name').fill('Corner Shop');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    expect(storage.settings.current().values.store.name).toBe('Corner Shop');
    expect(storage.settings.current().values.policies.offlinePayments.maxPerTransactionMinor).toBe(15000);

    // The session lives in main: a reload keeps it.
    await page.reload();
    await openSettings(page);
    await expect(page.getByLabel('Store name').inputValue()).resolves.toBe('Corner Shop');
    await expect(page.getByLabel('Offline card limit per sale').inputValue()).resolves.toBe('150.00');
  });

  it('verifies the audit trail for an admin, and reports damage', async () => {
    const { page } = await signedIn('Ada', '739164');
    await openSettings(page);
    await page.getByRole('button', { name: 'Verify audit trail' }).click();
    await page.getByText(/Audit trail intact: \d+ records checked\./).waitFor();

    storage.db.exec('DROP TRIGGER audit_log_no_update');
    storage.db.prepare("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 1").run();
    await page.getByRole('button', { name: 'Verify audit trail' }).click();
    await page.getByText('Audit trail damaged').waitFor();
    await expect(page.getByText(/Record 1: a record was changed/).count()).resolves.toBe(1);
  });
});
