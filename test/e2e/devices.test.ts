import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { ReceiptDocument } from '../../shared/domain/receipt';
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
import { printedText } from '../support/escpos-decoder';
import { FakeEscPosPrinter } from '../support/fake-escpos-printer';
import { openShiftIfNeeded } from '../support/register';
import { ToledoScaleSimulator, VirtualSerialPair } from '../support/serial-devices';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';

// Devices end to end in Chromium through the browser host: the Devices screen (checked with axe),
// and a sale of a weighed item read from a simulated scale, printed on a fake ESC/POS printer, with
// the drawer kicked through it and the customer display page following along.

let browser: Browser;
let storage: TerminalStorage;
let printer: FakeEscPosPrinter;
let pair: VirtualSerialPair;
let scale: ToledoScaleSimulator;
const scratch = tempDir('e2e-devices');
const hosts: BrowserHost[] = [];

beforeAll(async () => {
  storage = await openTestStorage(realKeychain('e2e-devices'), scratch.dir);
  await seedStaff(storage, 'Ada', 'admin', '739164');
  printer = await FakeEscPosPrinter.start();
  browser = await launchChromium();
});
beforeEach(async () => {
  pair = await VirtualSerialPair.open();
  scale = await ToledoScaleSimulator.start(pair);
  printer.reset();
});
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await scale.close();
  await pair.close();
});
afterAll(async () => {
  await browser?.close();
  await printer?.close();
  storage?.close();
  scratch.cleanup();
});

async function signedIn(viewport: { width: number; height: number }): Promise<{ page: Page; host: BrowserHost; problems: string[] }> {
  const { host } = await startAppHost(storage);
  hosts.push(host);
  const page = await (await browser.newContext({ viewport })).newPage();
  const problems = watchForProblems(page);
  await page.goto(host.newAppUrl());
  await signInThroughUi(page, 'Ada', '739164');
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return { page, host, problems };
}

describe('devices screen', () => {
  it.each([
    [1024, 768],
    [1366, 768],
  ])('sets up the printer and drawer, tests each, and passes axe at %i×%i', async (width, height) => {
    storage.settings.update({ devices: { printer: { connection: 'os_dialog', receipts: 'auto' }, drawer: { connection: 'none' } } }, null);
    const { page, problems } = await signedIn({ width, height });
    await openScreen(page, 'Devices');
    const printerPanel = page.getByRole('region', { name: 'Receipt printer' });
    await printerPanel.getByLabel('Connection').selectOption('tcp');
    await printerPanel.getByLabel('Printer address').fill('127.0.0.1');
    await printerPanel.getByLabel('TCP port').fill(String(printer.port));
    await printerPanel.getByLabel('Paper').selectOption('58mm_32');
    await expect(printerPanel.getByLabel('Receipts after a sale').inputValue()).resolves.toBe('auto');
    await printerPanel.getByLabel('Receipts after a sale').selectOption('ask');
    await printerPanel.getByRole('button', { name: 'Save' }).click();
    await printerPanel.getByText('Receipt printer saved.').waitFor();
    await printerPanel.getByRole('button', { name: 'Print a test page' }).click();
    await printerPanel.getByText(/The test page printed/).waitFor();
    expect(printedText(printer.jobs().at(-1)!)).toContain('12345678901234567890123456789012');

    const drawerPanel = page.getByRole('region', { name: 'Cash drawer' });
    await drawerPanel.getByLabel('Connection').selectOption('printer');
    await drawerPanel.getByLabel('Pulse on (ms)').fill('200');
    await drawerPanel.getByRole('button', { name: 'Save' }).click();
    await drawerPanel.getByText('Cash drawer saved.').waitFor();
    await drawerPanel.getByRole('button', { name: 'Open the drawer' }).click();
    await drawerPanel.getByText(/told to open/).waitFor();
    expect(printer.jobs().flatMap((j) => j.pulses)).toEqual([{ pin: 2, onMs: 200, offMs: 500 }]);

    const scalePanel = page.getByRole('region', { name: 'Scale' });
    await scalePanel.getByLabel('Scale', { exact: true }).selectOption('serial');
    await scalePanel.getByLabel('Protocol').selectOption('adam');
    await expect(scalePanel.getByLabel('Baud rate').inputValue()).resolves.toBe('4800');
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `devices-${width}x${height}.png`), fullPage: true });
    expect(storage.settings.current().values.devices.printer).toMatchObject({
      connection: 'tcp',
      host: '127.0.0.1',
      port: printer.port,
      paper: '58mm_32',
      receipts: 'ask',
    });
    const audited = storage.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('settings.changed', 'device.tested')")
      .get() as { n: number };
    expect(audited.n).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
  });
});

describe('a sale with the store hardware', () => {
  it('weighs from the scale, prints the receipt by itself on the ESC/POS printer, kicks the drawer once, and shows the customer the same total', async () => {
    storage.settings.update(
      {
        devices: {
          printer: { connection: 'tcp', host: '127.0.0.1', port: printer.port, paper: '80mm_48', receipts: 'auto' },
          drawer: { connection: 'printer', onMs: 100 },
          customerDisplay: { kind: 'window' },
          scale: {
            kind: 'serial',
            protocol: 'toledo_8217',
            serialPath: pair.terminalEnd,
            baudRate: 9600,
            dataBits: 7,
            parity: 'even',
            stopBits: 1,
          },
        },
      },
      null,
    );
    scale.script = ['unstable', 452];
    const { page, host, problems } = await signedIn({ width: 1366, height: 768 });
    const display = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await display.goto(host.customerDisplayUrl());
    await display.getByText('Welcome').waitFor();

    await openScreen(page, 'Register');
    await openShiftIfNeeded(page, '100.00');
    const weighed = await page.evaluate(async () => {
      const info = await window.nopos.catalog.info();
      if (!info.ok) throw new Error(info.error.message);
      for (const group of info.data.groups) {
        const tiles = await window.nopos.catalog.browse({ group, limit: 100 });
        const found = tiles.ok && tiles.data.find((p) => p.active && p.soldBy === 'weight' && p.barcodes.length > 0);
        if (found) return found;
      }
      throw new Error('the demo catalog has a weighed product');
    });
    // Loose produce has a 4-digit PLU, too short for a scanner: found by name, as a cashier does.
    await page.getByLabel('Search products').fill(weighed.name);
    await page
      .getByRole('button', { name: new RegExp(weighed.name) })
      .first()
      .waitFor();
    await page.getByLabel('Search products').press('Enter');
    const dialog = page.getByRole('dialog', { name: `Weigh ${weighed.name}` });
    await dialog.getByText('The scale reads 452 g.').waitFor();
    await dialog.getByRole('button', { name: 'Add 452 g' }).click();
    await page.locator('.cart-line').first().waitFor();
    await display.getByTestId('display-lines').getByText(weighed.name).waitFor();

    await page.getByRole('button', { name: /^Exact / }).click();
    await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
    const receiptNumber = (await page.getByTestId('receipt-number').textContent())!;
    // The receipt prints by itself: the screen follows it, and offers no second "original".
    await page.getByText('Receipt printed.').waitFor();
    await expect(page.getByRole('button', { name: 'Print', exact: true }).count()).resolves.toBe(0);
    await display.getByText('Thank you').waitFor();

    const doc = await page.evaluate(async (n) => {
      const got = await window.nopos.receipts.get({ receiptNumber: n });
      if (!got.ok) throw new Error(got.error.message);
      return got.data;
    }, receiptNumber);
    const paper = printer.jobs().find((j) => j.cuts > 0)!;
    const words = (text: string[]) =>
      text
        .filter((l) => !/^-+$/.test(l))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
    const expected = (d: ReceiptDocument) =>
      [
        ...d.rows.map((r) => (r.kind === 'rule' ? '' : r.kind === 'text' ? r.text : `${r.left} ${r.right} ${r.detail ?? ''}`)),
        d.barcode ?? '',
      ]
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
    // Printed from the original, which `receipts.get` now shows as a reprint: the rest is the same.
    expect(words(printedText(paper))).toBe(expected(doc).replace(/\*\*\* REPRINT \*\*\* ?/, ''));
    expect(paper.barcodes).toEqual([{ symbology: 'code128', data: receiptNumber }]);
    expect(printedText(paper).join('\n')).toContain('0.452 kg');
    expect(printer.jobs().flatMap((j) => j.pulses)).toHaveLength(1);
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(1);
    expect(await blockingA11yIssues(page)).toEqual([]);
    const total = doc.rows.find((r) => r.kind === 'pair' && r.emphasis && /total/i.test(r.left));
    await expect(display.getByTestId('display-total').textContent()).resolves.toBe(total?.kind === 'pair' ? total.right : '?');

    await page.screenshot({ path: path.join(ARTIFACTS, 'devices-sale-register.png') });
    await display.screenshot({ path: path.join(ARTIFACTS, 'devices-sale-customer-display.png') });
    expect(problems).toEqual([]);
  });
});
