import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { AppCore } from '../../electron/main/core/app-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { Sync } from '../../electron/main/sync';
import {
  ARTIFACTS,
  blockingA11yIssues,
  launchChromium,
  openScreen,
  seedStaff,
  signInThroughUi,
  startAppHost,
  watchForProblems,
} from '../support/browser';
import { openShiftIfNeeded, scan, sellableProducts } from '../support/register';
import { startSandboxProcess, type SandboxProcess } from '../support/sandbox-process';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';

// A manager at the till, in Chromium through the browser host, synced to the sandbox API process:
// adds a new customer with consent to a sale, e-mails the receipt (it arrives at the sandbox),
// exports the customer's data and erases them. At both checkout screen sizes, with axe.

let browser: Browser;
let storage: TerminalStorage;
let sandbox: SandboxProcess;
let sync: Sync;
let host: BrowserHost;
let core: AppCore;
const scratch = tempDir('e2e-customers');
const exportsDir = path.join(scratch.dir, 'customer-exports');

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  sandbox = await startSandboxProcess();
  const keychain = realKeychain('e2e-customers');
  // No hold: these customers' only sale is the one just made, and erasure should run at once here.
  storage = await openTestStorage(keychain, scratch.dir, { policy: { policies: { privacy: { erasureHoldDays: 0 } } } });
  await seedStaff(storage, 'Mia', 'manager', '824613');
  const started = await startAppHost(storage, {
    sync: {
      keychain,
      baseUrl: sandbox.url,
      caPem: sandbox.caPem,
      exportDir: path.join(scratch.dir, 'exports'),
      timings: { backoff: { baseMs: 50, capMs: 300 }, offlineProbeCapMs: 300, idleMs: 3_600_000, nudgeMs: 50 },
      transport: { connectTimeoutMs: 1_000, responseTimeoutMs: 2_000 },
    },
    customerExportsDir: exportsDir,
  });
  host = started.host;
  core = started.core;
  sync = started.core.sync!;
  await sync.enrollment.enroll(sandbox.code, 'admin', null);
  sync.engine.start();
  browser = await launchChromium();
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

interface SandboxState {
  customers: { customerId: string; name: string | null; email: string | null; erasedAt: string | null }[];
  receiptEmails: { receiptNumber: string; to: string | null; subject: string }[];
}
const sandboxState = async () => (await sandbox.admin('GET', '/admin/state')).json as SandboxState;

async function shot(page: Page, name: string): Promise<void> {
  expect(await blockingA11yIssues(page)).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

describe.each([
  { width: 1024, height: 768, who: { name: 'Grace Hopper', email: 'grace@example.org', phone: '+1 202 555 0147' } },
  { width: 1366, height: 768, who: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0958' } },
])('customers at $width×$height', ({ width, height, who }) => {
  it('attaches a new customer with consent, e-mails the receipt to the sandbox, exports and erases them', async () => {
    const page = await (await browser.newContext({ viewport: { width, height }, locale: 'en-US' })).newPage();
    const problems = watchForProblems(page);
    const size = `${width}x${height}`;
    core.session.signOut();
    await page.goto(host.newAppUrl());
    await signInThroughUi(page, 'Mia', '824613');
    await openShiftIfNeeded(page, '100.00');

    // A sale with a new customer, consent to e-mailed receipts given with its text on screen.
    const [product] = await sellableProducts(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, product!.barcodes[0]!);
    await page.locator('.cart-line').first().waitFor();
    await page.getByRole('button', { name: 'Add customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Customer for this sale' });
    await dialog.getByRole('button', { name: 'New customer' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill(who.name);
    await dialog.getByLabel('E-mail', { exact: true }).fill(who.email);
    await dialog.getByLabel('Phone', { exact: true }).fill(who.phone);
    await dialog.getByRole('checkbox', { name: /E-mailed receipts/ }).check();
    await expect(dialog.getByText('Send my receipts to this e-mail address.', { exact: false }).count()).resolves.toBe(1);
    await shot(page, `customers-new-${size}.png`);
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await page.getByTestId('sale-customer').filter({ hasText: who.name }).waitFor();
    await shot(page, `customers-attached-${size}.png`);

    await page.getByRole('button', { name: /^Exact / }).click();
    await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
    const receiptNumber = (await page.getByTestId('receipt-number').textContent())!;
    await page.getByRole('button', { name: 'E-mail receipt' }).click();
    await page.getByText(/^Receipt queued for .+: NoPOS sends it\.$/).waitFor();
    await shot(page, `customers-receipt-emailed-${size}.png`);
    await expect
      .poll(async () => (await sandboxState()).receiptEmails.filter((m) => m.receiptNumber === receiptNumber), { timeout: 20_000 })
      .toEqual([
        {
          receiptNumber,
          to: who.email,
          subject: `Your receipt ${receiptNumber} from Demo Store`,
          terminalId: expect.any(String),
          customerId: expect.any(String),
          text: expect.stringContaining(receiptNumber),
          receivedAt: expect.any(String),
          id: expect.any(String),
        },
      ]);
    await page.getByRole('button', { name: /^New sale/ }).click();

    // The manager's Customers screen: the record, the export, then erasure after a confirmation.
    await openScreen(page, 'Customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByLabel('Find a customer').fill(who.name.split(' ')[1]!);
    await page.getByRole('button', { name: new RegExp(`^${who.name}`) }).click();
    await page.getByRole('heading', { name: who.name }).waitFor();
    await page.getByText(who.email, { exact: true }).waitFor();
    await shot(page, `customers-record-${size}.png`);
    await page.getByRole('button', { name: 'Export data' }).click();
    const saved = page.getByText(/^Saved customer-.+\.json and customer-.+\.pdf\.$/);
    await saved.waitFor();
    const [jsonName] = /customer-[^ ]+\.json/.exec((await saved.textContent())!)!;
    const exported = JSON.parse(readFileSync(path.join(exportsDir, jsonName), 'utf8')) as {
      customer: { name: string };
      sales: { receiptNumber: string }[];
    };
    expect(exported.customer.name).toBe(who.name);
    expect(exported.sales.map((s) => s.receiptNumber)).toEqual([receiptNumber]);
    expect(existsSync(path.join(exportsDir, jsonName.replace(/\.json$/, '.pdf')))).toBe(true);

    await page.getByRole('button', { name: 'Erase customer' }).click();
    const confirm = page.getByRole('dialog', { name: `Erase ${who.name}?` });
    await confirm.waitFor();
    await shot(page, `customers-erase-confirm-${size}.png`);
    await confirm.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByText(`Erased ${who.name}: their details are gone from this terminal, and NoPOS is told.`).waitFor();
    await expect.poll(() => page.getByRole('button', { name: new RegExp(`^${who.name}`) }).count()).toBe(0);
    await page.getByLabel('Find a customer').fill(who.name.split(' ')[1]!);
    await page.getByText('No customer matches.').waitFor();
    await shot(page, `customers-erased-${size}.png`);
    await expect
      .poll(async () => (await sandboxState()).customers.filter((c) => c.erasedAt !== null && c.name === null).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(width === 1024 ? 1 : 2);
    const state = await sandboxState();
    expect(JSON.stringify(state).includes(who.email)).toBe(false);
    expect(storage.db.prepare('SELECT count(*) AS n FROM customers WHERE name = ?').get(who.name)).toEqual({ n: 0 });
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('records and withdraws consent for an existing customer at the till and on the record, and corrects their details', async () => {
    const page = await (await browser.newContext({ viewport: { width, height }, locale: 'en-US' })).newPage();
    const problems = watchForProblems(page);
    const size = `${width}x${height}`;
    const regular = {
      name: width === 1024 ? 'Rhea Regular' : 'Remy Regular',
      email: `regular${width}@example.net`,
      corrected: `regular.${width}@example.org`,
    };
    core.session.signOut();
    await page.goto(host.newAppUrl());
    await signInThroughUi(page, 'Mia', '824613');
    await openShiftIfNeeded(page, '100.00');

    // A regular added without any consent, as they were on an earlier visit.
    const [product] = await sellableProducts(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, product!.barcodes[0]!);
    await page.locator('.cart-line').first().waitFor();
    await page.getByRole('button', { name: 'Add customer' }).click();
    const attach = page.getByRole('dialog', { name: 'Customer for this sale' });
    await attach.getByRole('button', { name: 'New customer' }).click();
    await attach.getByLabel('Name', { exact: true }).fill(regular.name);
    await attach.getByLabel('E-mail', { exact: true }).fill(regular.email);
    await attach.getByRole('button', { name: 'Add customer' }).click();
    await page.getByTestId('sale-customer').filter({ hasText: regular.name }).waitFor();
    const customerId = (storage.db.prepare('SELECT id FROM customers WHERE name = ?').get(regular.name) as { id: string }).id;
    const consents = () =>
      storage.db
        .prepare('SELECT purpose, granted, text_version AS v FROM customer_consents WHERE customer_id = ? ORDER BY rowid')
        .all(customerId);

    // At the till: offers by e-mail, agreed to with the text on screen, then withdrawn in one press.
    await page.getByRole('button', { name: 'Consents', exact: true }).click();
    const consentDialog = page.getByRole('dialog', { name: `Consents of ${regular.name}` });
    await consentDialog.getByText('Send me offers and news from this store by e-mail.', { exact: false }).waitFor();
    await shot(page, `customers-till-consents-${size}.png`);
    await consentDialog.getByRole('button', { name: 'Customer agrees: offers by e-mail' }).click();
    await page.getByText(`Offers by e-mail: consent recorded for ${regular.name}.`).waitFor();
    await page.getByRole('button', { name: 'Consents', exact: true }).click();
    await consentDialog.getByRole('button', { name: 'Withdraw offers by e-mail' }).click();
    await page.getByText(`Offers by e-mail: consent withdrawn for ${regular.name}.`).waitFor();
    expect(consents()).toEqual([
      { purpose: 'marketing', granted: 1, v: 'marketing-2026-12' },
      { purpose: 'marketing', granted: 0, v: 'marketing-2026-12' },
    ]);

    // E-mail receipt without consent: the text is shown first; once agreed, the receipt is queued.
    await page.getByRole('button', { name: /^Exact / }).click();
    await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
    const receiptNumber = (await page.getByTestId('receipt-number').textContent())!;
    await page.getByRole('button', { name: 'E-mail receipt' }).click();
    const ask = page.getByRole('dialog', { name: `Consents of ${regular.name}` });
    await ask.getByText(`${regular.name} has not agreed to e-mailed receipts.`, { exact: false }).waitFor();
    await ask.getByText('Send my receipts to this e-mail address.', { exact: false }).waitFor();
    await shot(page, `customers-receipt-consent-${size}.png`);
    await ask.getByRole('button', { name: 'Customer agrees: e-mailed receipts' }).click();
    await page.getByText(/^Receipt queued for .+: NoPOS sends it\.$/).waitFor();
    await expect
      .poll(async () => (await sandboxState()).receiptEmails.filter((m) => m.receiptNumber === receiptNumber).map((m) => m.to), {
        timeout: 20_000,
      })
      .toEqual([regular.email]);
    await page.getByRole('button', { name: /^New sale/ }).click();

    // The manager's record: the e-mail corrected, and offers by e-mail agreed to again with the text shown.
    await openScreen(page, 'Customers');
    await page.getByLabel('Find a customer').fill(regular.name);
    await page.getByRole('button', { name: new RegExp(`^${regular.name}`) }).click();
    await page.getByRole('heading', { name: regular.name }).waitFor();
    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: `Details of ${regular.name}` });
    await details.getByLabel('E-mail', { exact: true }).fill('4111111111111111@example.com');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByRole('alert').waitFor();
    await details.getByLabel('E-mail', { exact: true }).fill(regular.corrected);
    await shot(page, `customers-edit-details-${size}.png`);
    await details.getByRole('button', { name: 'Save details' }).click();
    await page.getByText(`Details of ${regular.name} saved.`).waitFor();
    await page.getByText(regular.corrected, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Record consent' }).click();
    const record = page.getByRole('dialog', { name: `Consents of ${regular.name}` });
    await record.getByText('Send me offers and news from this store by e-mail.', { exact: false }).waitFor();
    await shot(page, `customers-record-consent-${size}.png`);
    await record.getByRole('button', { name: 'Customer agrees: offers by e-mail' }).click();
    await page.getByText(`Offers by e-mail: consent recorded for ${regular.name}.`).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Withdraw' }).count()).toBe(2);
    expect(storage.db.prepare('SELECT email FROM customers WHERE id = ?').get(customerId)).toEqual({ email: regular.corrected });
    expect(consents()).toEqual([
      { purpose: 'marketing', granted: 1, v: 'marketing-2026-12' },
      { purpose: 'marketing', granted: 0, v: 'marketing-2026-12' },
      { purpose: 'email_receipts', granted: 1, v: 'receipts-2026-12' },
      { purpose: 'marketing', granted: 1, v: 'marketing-2026-12' },
    ]);
    await expect
      .poll(async () => (await sandboxState()).customers.find((c) => c.customerId === customerId)?.email, { timeout: 20_000 })
      .toBe(regular.corrected);
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
    await page.context().close();
  }, 120_000);
});
