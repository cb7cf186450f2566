import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { Product } from '../../shared/domain/catalog';
import { ARTIFACTS, blockingA11yIssues, signInThroughUi } from '../support/browser';
import { currentSale, openShiftIfNeeded, scan, sellableProducts } from '../support/register';
import { e2eTerminal } from '../support/e2e-terminal';

// The card button in the tender panel, in Chromium against the real core and the simulated reader.
// The browser host has no API to authorize with yet, so card payments are stored for forwarding.

let storage: TerminalStorage;
let page: Page;
let products: Product[];

const terminal = e2eTerminal('card', {
  staff: [
    ['Ada', 'admin', '739164'],
    ['Cass', 'cashier', '482913'],
  ],
});
beforeAll(() => {
  ({ storage, page } = terminal);
});

describe('card tender in the browser', () => {
  it('splits a sale between card and cash, with the simulated reader and its test-card picker', async () => {
    await signInThroughUi(page, 'Cass', '482913');
    await openShiftIfNeeded(page, '100.00');
    products = await sellableProducts(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, products[0]!.barcodes[0]!);
    await page.locator('.cart-line').first().waitFor();
    const sale = (await currentSale(page))!;
    expect(sale.remainingMinor).toBeGreaterThan(100);

    await page.getByRole('button', { name: /^Card/ }).click();
    const picker = page.getByTestId('test-card');
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('approve');
    await page.getByLabel(/^Card amount/).fill('1.00');
    await page.getByRole('button', { name: /^Take card/ }).click();
    await page.getByText('Card stored offline, to be authorised when the terminal is online.').waitFor();
    await page.getByTestId('offline-payments').filter({ hasText: '1 offline card payment waiting' }).waitFor();
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'card-tender-part.png'), fullPage: true });

    await page.getByRole('button', { name: /^Cash/ }).click();
    await page.getByRole('button', { name: /^Exact / }).click();
    await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
    const queued = storage.db.prepare("SELECT kind FROM outbox WHERE kind IN ('payment', 'sale') ORDER BY seq").all();
    expect(queued).toEqual([{ kind: 'payment' }, { kind: 'sale' }]);
  });

  it('shows a cancelled read and leaves the sale as it was', async () => {
    await page.getByRole('button', { name: /^New sale/ }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, products[1]!.barcodes[0]!);
    await page.locator('.cart-line').first().waitFor();
    await page.getByRole('button', { name: /^Card/ }).click();
    await page.getByTestId('test-card').selectOption('cancel');
    await page.getByRole('button', { name: /^Take card/ }).click();
    await page.getByText('The card payment was cancelled.').waitFor();
    expect((await currentSale(page))?.payments).toEqual([]);
  });

  it('shows no change for a sale paid by card, and the receipt says the stored card is still to be authorised (issue 15, item 15)', async () => {
    await page.getByTestId('test-card').selectOption('approve');
    await page.getByRole('button', { name: /^Take card/ }).click();
    await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
    await page.getByTestId('no-change').filter({ hasText: 'Paid by card · no change' }).waitFor();
    expect(await page.getByTestId('change-due').count()).toBe(0);
    const receipt = page.getByRole('article');
    await receipt.getByText('stored, to be authorised').waitFor();
    expect(await receipt.textContent()).not.toMatch(/approved/i);
    await page.screenshot({ path: path.join(ARTIFACTS, 'card-tender-complete.png') });
  });
});
