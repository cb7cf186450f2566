import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/domain/catalog';
import { ARTIFACTS, signInThroughUi } from '../support/browser';
import { e2eTerminal } from '../support/e2e-terminal';
import { scan, sellableProducts } from '../support/register';

// Issue 15: what a cashier types. Amounts are taken exactly as typed or refused in words (item 6).

let page: Page;
let products: Product[];
const terminal = e2eTerminal('till-entry', { staff: [['Cass', 'cashier', '482913']], viewport: { width: 1366, height: 768 } });
beforeAll(() => {
  ({ page } = terminal);
});

const cashGiven = () => page.getByLabel(/^Cash given/);
const fieldError = (text: string | RegExp) => page.locator('.field__error', { hasText: text });

describe('amounts as typed', () => {
  it('refuses a negative or garbled float in words and opens no shift', async () => {
    await signInThroughUi(page, 'Cass', '482913');
    const float = page.getByLabel(/^Counted float/);
    await float.fill('-5');
    await fieldError('An amount cannot be negative.').waitFor();
    await page.getByRole('button', { name: 'Open shift' }).click();
    await page.getByText('An amount cannot be negative.').first().waitFor();
    expect(await page.evaluate(async () => (await window.nopos.shifts.current()).ok && (await window.nopos.shifts.current()))).toMatchObject({ ok: true, data: null });
    await float.fill('150.00');
    await page.getByRole('button', { name: 'Open shift' }).click();
    await page.getByLabel('Search products').waitFor();
    products = await sellableProducts(page);
  });

  it('never reads "1e3", "12abc" or "-5" as another amount, and offers no part payment for them', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, products[0]!.barcodes[0]!);
    await page.locator('.cart-line').first().waitFor();
    for (const [typed, said] of [
      ['1e3', 'Not an amount: type digits and “.” before the decimals, for example 12.50.'],
      ['12abc', 'Not an amount: type digits and “.” before the decimals, for example 12.50.'],
      ['-5', 'An amount cannot be negative.'],
      ['12,50', 'Use “.” before the decimals, for example 12.50.'],
      ['1.234', 'At most 2 digits after “.”.'],
    ] as const) {
      await cashGiven().fill(typed);
      expect(await cashGiven().inputValue()).toBe(typed);
      await fieldError(said).waitFor();
      expect(await page.getByRole('button', { name: /\(part\)/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Take cash/ }).isDisabled()).toBe(true);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'till-entry-amount-refused.png') });
  });

  it('says the limit as money, not as a field name', async () => {
    await cashGiven().fill('2000000');
    await fieldError('At most $1,000,000.00.').or(fieldError('At most €1,000,000.00.')).waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/givenMinor|too big|invalid type/);
    await cashGiven().fill('0.5');
    await page.getByRole('button', { name: /^Take €0\.50 \(part\)$/ }).waitFor();
    await cashGiven().fill('');
  });
});
