import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/domain/catalog';
import { formatMinor } from '../../shared/domain/money';
import { ARTIFACTS, blockingA11yIssues, signInThroughUi, openScreen } from '../support/browser';
import { currentSale, findWrittenFile, openShiftIfNeeded, scan, sellableProducts, typeSlowly, unknownGtin } from '../support/register';
import { e2eTerminal } from '../support/e2e-terminal';

// The register in Chromium against the real core: scan → cart → cash → change → receipt and PDF.
// The tests run in order on one terminal, like a cashier's first sale of the day.

let page: Page;
let products: Product[];

const cartLines = () => page.locator('.cart-line');
const searchBox = () => page.getByLabel('Search products');

async function noBlockingA11yIssues(): Promise<void> {
  expect(await blockingA11yIssues(page)).toEqual([]);
}

const terminal = e2eTerminal('register', {
  staff: [
    ['Ada', 'admin', '739164'],
    ['Cass', 'cashier', '482913'],
  ],
});
beforeAll(() => {
  ({ page } = terminal);
});

describe('the register in the browser', () => {
  it('lands the cashier on the register, which asks for a shift first', async () => {
    await signInThroughUi(page, 'Cass', '482913');
    await page.getByRole('heading', { name: 'Open a shift' }).waitFor();
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-open-shift.png'), fullPage: true });
    await openShiftIfNeeded(page, '150.00');
    products = await sellableProducts(page);
    expect(products.length).toBeGreaterThanOrEqual(2);
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-empty.png'), fullPage: true });
  });

  it('adds a scanned item at once, with nothing focused', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, products[0]!.barcodes[0]!);
    await cartLines().filter({ hasText: products[0]!.name }).waitFor();
    await page.getByText(`Added ${products[0]!.name}.`).waitFor();
  });

  it('recognises a scan that lands in the search box and gives the box back its text', async () => {
    await searchBox().click();
    await typeSlowly(page, 'zz');
    await scan(page, products[1]!.barcodes[0]!);
    await cartLines().filter({ hasText: products[1]!.name }).waitFor();
    await expect.poll(() => searchBox().inputValue()).toBe('zz');
    await searchBox().fill('');
  });

  it('leaves a person typing digits alone: the search keeps them and nothing is added (Enter would add the match)', async () => {
    await searchBox().click();
    await typeSlowly(page, products[0]!.barcodes[0]!);
    await expect.poll(() => searchBox().inputValue()).toBe(products[0]!.barcodes[0]);
    await expect.poll(() => cartLines().count()).toBe(2);
    await searchBox().fill('');
  });

  it('says so for an unknown barcode and adds nothing', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, unknownGtin());
    await page.getByText(`Unknown barcode ${unknownGtin()}. Nothing was added.`).waitFor();
    await expect.poll(() => cartLines().count()).toBe(2);
  });

  it('changes quantities with the buttons and the + and − keys', async () => {
    const first = products[0]!.name;
    await page.getByRole('button', { name: `One more ${first}` }).click();
    await expect.poll(() => page.getByLabel(`Quantity of ${first}`).textContent()).toBe('2');
    await page.locator('.cart-line__name', { hasText: first }).click();
    await page.keyboard.press('+');
    await expect.poll(() => page.getByLabel(`Quantity of ${first}`).textContent()).toBe('3');
    await page.keyboard.press('-');
    await expect.poll(() => page.getByLabel(`Quantity of ${first}`).textContent()).toBe('2');
    const sale = (await currentSale(page))!;
    expect(sale.lines.find((l) => l.productId === products[0]!.sku)?.quantity).toBe(2);
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-cart.png'), fullPage: true });
  });

  it('takes cash with F4, shows the change, and saves the receipt as a PDF', async () => {
    const sale = (await currentSale(page))!;
    const currency = sale.totals.currency;
    const given = (Math.floor(sale.cashDueMinor / 5000) + 1) * 5000;
    await page.keyboard.press('F4');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('inputmode'))).toBe('decimal');
    await page.keyboard.type(formatMinor(given, currency), { delay: 60 });
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-tender.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
    await expect.poll(() => page.getByTestId('change-due').textContent()).toContain(formatMinor(given - sale.cashDueMinor, currency));
    const sold = await page.evaluate(() => window.nopos.sales.recent({ limit: 1 }));
    expect(sold.ok && sold.data[0]?.receipt?.receiptNumber).toBe(await page.getByTestId('receipt-number').textContent());
    await page.getByRole('article').waitFor();
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'register-receipt.png'), fullPage: true });

    await page.getByRole('button', { name: 'Save PDF' }).click();
    const saved = page.getByText(/^Saved as .+\.pdf\.$/);
    await saved.waitFor();
    const fileName = (await saved.textContent())!.replace(/^Saved as /, '').replace(/\.$/, '');
    const file = findWrittenFile(fileName, [terminal.dir]);
    expect(file).not.toBeNull();
    expect((await stat(file!)).size).toBeGreaterThan(500);
  });

  it('starts the next sale with F2, in the search box', async () => {
    await page.keyboard.press('F2');
    await expect.poll(() => cartLines().count()).toBe(0);
    await page.keyboard.press('F2');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('product-search');
  });

  it('shows an admin the catalog screen', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughUi(page, 'Ada', '739164');
    await openScreen(page, 'Catalog');
    await page.getByRole('heading', { name: 'Change the catalog' }).waitFor();
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'catalog-admin.png'), fullPage: true });
  });
});
