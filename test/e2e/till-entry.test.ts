import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/domain/catalog';
import { ARTIFACTS, signInThroughUi } from '../support/browser';
import { e2eTerminal } from '../support/e2e-terminal';
import { currentSale, dispatchKeys, scan, sellableProducts, typeSlowly, unknownGtin } from '../support/register';

// Issue 15: what a cashier types. Amounts are taken exactly as typed or refused in words (item 6);
// quantities: the same item again, "5 ×", fast + presses, − at 1 (item 3); a barcode keyed by hand (item 4).

let page: Page;
let products: Product[];
const terminal = e2eTerminal('till-entry', { staff: [['Cass', 'cashier', '482913']], viewport: { width: 1366, height: 768 } });
beforeAll(() => {
  ({ page } = terminal);
});

/** Presses a key many times as fast as the keyboard can send it: all queued at once, no waiting between. */
async function pressMany(key: '+' | '-', times: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const fields =
    key === '+'
      ? { key: '+', code: 'NumpadAdd', text: '+', windowsVirtualKeyCode: 107 }
      : { key: '-', code: 'NumpadSubtract', text: '-', windowsVirtualKeyCode: 109 };
  try {
    await dispatchKeys(
      cdp,
      Array.from({ length: times }, () => fields),
    );
  } finally {
    await cdp.detach();
  }
}

const quantityOf = async (sku: string) => (await currentSale(page))?.lines.filter((l) => l.productId === sku).map((l) => l.quantity) ?? [];
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
    expect(
      await page.evaluate(async () => (await window.nopos.shifts.current()).ok && (await window.nopos.shifts.current())),
    ).toMatchObject({ ok: true, data: null });
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

describe('quantities', () => {
  it('adds the same item scanned again to its line', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, products[1]!.barcodes[0]!);
    await expect.poll(() => quantityOf(products[1]!.sku)).toEqual([1]);
    await scan(page, products[1]!.barcodes[0]!);
    await expect.poll(() => quantityOf(products[1]!.sku)).toEqual([2]);
    await expect.poll(() => page.getByLabel(`Quantity of ${products[1]!.name}`).textContent()).toBe('2');
  });

  it('takes "5 ×" typed before a scan as the count of the next item only', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.type('5*', { delay: 120 });
    await page.getByText('Next item × 5: scan or tap it (Esc cancels).').waitFor();
    await scan(page, products[2]!.barcodes[0]!);
    await expect.poll(() => quantityOf(products[2]!.sku)).toEqual([5]);
    await scan(page, products[3]!.barcodes[0]!);
    await expect.poll(() => quantityOf(products[3]!.sku)).toEqual([1]);
    await page.keyboard.type('3x', { delay: 120 });
    await page.getByText('Next item × 3: scan or tap it (Esc cancels).').waitFor();
    await page.keyboard.press('Escape');
    await scan(page, products[4]!.barcodes[0]!);
    await expect.poll(() => quantityOf(products[4]!.sku)).toEqual([1]);
  });

  it('never drops a fast + press: 40 presses make 40 more', async () => {
    await page.locator('.cart-line__name', { hasText: products[4]!.name }).click();
    await pressMany('+', 40);
    await expect.poll(() => quantityOf(products[4]!.sku), { timeout: 15_000 }).toEqual([41]);
    await expect.poll(() => page.getByLabel(`Quantity of ${products[4]!.name}`).textContent()).toBe('41');
    await pressMany('-', 40);
    await expect.poll(() => quantityOf(products[4]!.sku), { timeout: 15_000 }).toEqual([1]);
  });

  it('asks before − at quantity 1 takes the line off', async () => {
    const name = products[4]!.name;
    await page.locator('.cart-line__name', { hasText: name }).click();
    await page.keyboard.press('-');
    const ask = page.getByRole('dialog', { name: `Remove ${name}?` });
    await ask.waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'till-entry-remove-ask.png') });
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    expect(await quantityOf(products[4]!.sku)).toEqual([1]);
    await page.getByRole('button', { name: `One less ${name}` }).click();
    await ask.getByRole('button', { name: 'Remove line' }).click();
    await expect.poll(() => quantityOf(products[4]!.sku)).toEqual([]);
  });
});

describe('a barcode keyed by hand', () => {
  it('finds its product in the search box, and Enter adds it', async () => {
    const search = page.getByLabel('Search products');
    await search.click();
    await typeSlowly(page, products[5]!.barcodes[0]!);
    await page
      .getByRole('list', { name: `Search results for ${products[5]!.barcodes[0]!}` })
      .getByRole('button', { name: new RegExp(products[5]!.name) })
      .waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => quantityOf(products[5]!.sku)).toEqual([1]);
    await expect.poll(() => search.inputValue()).toBe('');
  });

  it('says so when the check digit is wrong, as a scan would, and adds nothing', async () => {
    const code = products[6]!.barcodes[0]!;
    const wrong = `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
    const search = page.getByLabel('Search products');
    await search.click();
    await typeSlowly(page, wrong);
    await page.getByText(`${wrong} is not a valid barcode: its last digit does not check. Look at the digits again.`).waitFor();
    await page.keyboard.press('Enter');
    await page.screenshot({ path: path.join(ARTIFACTS, 'till-entry-bad-check-digit.png') });
    expect(await quantityOf(products[6]!.sku)).toEqual([]);
    await search.fill(unknownGtin());
    await page.getByText('No product matches.').waitFor();
    await search.fill('');
  });
});

describe('what a manager is asked to approve (item 13) and clearing a long sale (item 15)', () => {
  it('names the discount, its amount and the line, for the cashier asking', async () => {
    const sale = (await currentSale(page))!;
    const line = sale.lines[0]!;
    await page.getByRole('button', { name: `Discount on ${line.name}` }).click();
    await page.getByLabel('Percentage off').fill('50');
    await page.getByLabel('Reason').fill('Best before today');
    await page.getByRole('button', { name: 'Apply discount' }).click();
    const question = page.getByTestId('approval-question');
    await question.waitFor();
    const half = Math.floor((line.grossMinor * 5_000 * 2 + 10_000) / 20_000);
    expect((await question.textContent())!.replace(/\u00a0/g, ' ')).toBe(
      `Approve 50 % discount (-€${(half / 100).toFixed(2)}) on ${line.name} for Cass?`,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'till-entry-approval-discount.png') });
    await page.getByRole('dialog', { name: 'Manager approval needed' }).getByRole('button', { name: 'Cancel' }).click();
    expect((await currentSale(page))!.lines[0]!.discount).toBeNull();
  });

  it('asks a manager to clear a sale of more lines than the store allows, and names it', async () => {
    terminal.storage.settings.update({ policies: { clearApprovalLines: 2 } }, terminal.staff['Cass']!);
    const sale = (await currentSale(page))!;
    expect(sale.lines.length).toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.getByRole('button', { name: 'Clear sale' }).click();
    const question = page.getByTestId('approval-question');
    await question.waitFor();
    const total = `€${(sale.totals.totalMinor / 100).toFixed(2)}`;
    expect((await question.textContent())!.replace(/\u00a0/g, ' ')).toBe(
      `Approve clearing this sale of ${sale.lines.length} lines (${total}) for Cass?`,
    );
    await page.getByRole('dialog', { name: 'Manager approval needed' }).getByRole('button', { name: 'Cancel' }).click();
    expect((await currentSale(page))!.lines).toHaveLength(sale.lines.length);
  });

  it('parks the sale with a note, which leads its entry in the parked list', async () => {
    await page.keyboard.press('F8');
    await page.getByRole('dialog', { name: 'Park this sale' }).waitFor();
    await page.getByLabel('Note (optional)').fill('Red coat, fetching milk');
    await page.getByRole('button', { name: 'Park sale' }).click();
    await page.getByText('Sale parked (Red coat, fetching milk). Resume it from Parked sales.').waitFor();
    await page.keyboard.press('F9');
    const entry = page.getByRole('dialog', { name: 'Parked sales' }).getByRole('button', { name: /Red coat, fetching milk/ });
    await entry.waitFor();
    await entry.click();
    await expect.poll(async () => (await currentSale(page))?.lines.length ?? 0).toBeGreaterThan(2);
  });
});
