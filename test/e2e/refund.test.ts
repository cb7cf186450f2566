import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { Product } from '../../shared/domain/catalog';
import { formatMinor } from '../../shared/domain/money';
import { ARTIFACTS, blockingA11yIssues, signInThroughUi, openScreen } from '../support/browser';
import { openShiftIfNeeded, scan, sellableProducts, sellForExactCash } from '../support/register';
import { e2eTerminal } from '../support/e2e-terminal';

// A cashier refunds part of a sale found by scanning its receipt; a manager approves it on the spot.

let storage: TerminalStorage;
let page: Page;
let products: Product[];

const audit = () =>
  storage.db.prepare('SELECT action, actor_id AS actor, approver_id AS approver FROM audit_log ORDER BY seq').all() as Record<
    string,
    string | null
  >[];

const terminal = e2eTerminal('refund', {
  staff: [
    ['Ada', 'admin', '739164'],
    ['Cass', 'cashier', '482913'],
    ['Manny', 'manager', '205837'],
  ],
});
let cassId = '',
  mannyId = '';
beforeAll(() => {
  ({ storage, page } = terminal);
  cassId = terminal.staff.Cass!;
  mannyId = terminal.staff.Manny!;
});

describe('a refund in the browser', () => {
  let receiptNumber: string;

  it('sells two items to refund one of them', async () => {
    await signInThroughUi(page, 'Cass', '482913');
    await openShiftIfNeeded(page, '100.00');
    products = await sellableProducts(page);
    ({ receiptNumber } = await sellForExactCash(page, [products[0]!.barcodes[0]!, products[1]!.barcodes[0]!]));
    expect(receiptNumber).toMatch(/-\d+$/);
  });

  it('finds the sale by scanning its receipt barcode', async () => {
    await openScreen(page, 'Refund');
    await page.getByRole('heading', { name: 'Refund', level: 1 }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await scan(page, receiptNumber);
    await page.getByRole('heading', { name: `Sale ${receiptNumber}` }).waitFor();
    await expect.poll(() => page.getByLabel('Receipt number').inputValue()).toBe(receiptNumber);
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'refund-lines.png'), fullPage: true });
  });

  it('refunds one line with a manager approving on the spot', async () => {
    const name = products[0]!.name;
    await page.getByRole('button', { name: `One more ${name} to refund` }).click();
    await page.getByLabel('Reason').fill('Damaged packaging');
    await page.getByRole('button', { name: 'Refund', exact: true }).last().click();
    await page.getByRole('dialog', { name: 'Manager approval needed' }).waitFor();
    expect(await blockingA11yIssues(page)).toEqual([]);
    // The manager reads what is approved, with its amount and where the money goes (issue 15, item 13).
    const asked = (await page.getByTestId('approval-question').textContent())!.replace(/\u00a0/g, ' ');
    const price = products[0]!.priceMinor;
    expect(asked).toBe(`Approve refund of €${formatMinor(price, 'EUR')} to cash (receipt ${receiptNumber}) for Cass?`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'refund-approval.png') });
    await page
      .getByRole('group', { name: 'Approving manager' })
      .getByRole('button', { name: /^Manny/ })
      .click();
    await page.getByLabel('Manager PIN').fill('205837');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: 'Refund done' }).waitFor();
    const line = await page.evaluate(async (n) => {
      const found = await window.nopos.refunds.lookup({ receiptNumber: n });
      if (!found.ok) throw new Error(found.error.message);
      return { sold: found.data.sale.lines[0]!, left: found.data.refundable[0]! };
    }, receiptNumber);
    expect(line.left.quantity).toBe(line.sold.quantity - 1);
    // Prices include tax on this store (the default), so a whole line refunds what the line came to.
    await expect
      .poll(() => page.getByTestId('refund-total').textContent())
      .toContain(formatMinor(line.sold.netMinor - line.left.amountMinor, 'EUR'));
    const trail = audit().filter((a) => a.action === 'override.approved' || a.action === 'refund.issued');
    expect(trail.slice(-2)).toEqual([
      { action: 'override.approved', actor: cassId, approver: mannyId },
      { action: 'refund.issued', actor: cassId, approver: mannyId },
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'refund-done.png'), fullPage: true });
  });

  // Issue 15 item 17: a store that rounds cash gives cash back rounded, and the screen says so before it is approved.
  it("shows and pays a cash refund rounded to the store's cash step", async () => {
    storage.settings.update({ store: { cashRoundingMinor: 5 } }, terminal.staff.Ada!);
    const odd = products.find((p) => p.priceMinor % 5 !== 0 && p.barcodes[0]);
    if (!odd) expect.fail('the demo catalog has no price off the 0.05 step');
    await openScreen(page, 'Register');
    const sold = await sellForExactCash(page, [odd.barcodes[0]!]);
    const rounded = Math.floor((odd.priceMinor * 2 + 5) / 10) * 5;
    const eur = (minor: number) => `€${formatMinor(minor, 'EUR')}`;
    await openScreen(page, 'Refund');
    await page.getByLabel('Receipt number').fill(sold.receiptNumber);
    await page.getByRole('button', { name: 'Find sale' }).click();
    await page.getByRole('heading', { name: `Sale ${sold.receiptNumber}` }).waitFor();
    await page.getByRole('button', { name: `One more ${odd.name} to refund` }).click();
    const summary = () =>
      page
        .getByTestId('refund-summary')
        .textContent()
        .then((t) => t!.replace(/[\u00a0\u202f]/g, ' '));
    await expect.poll(summary).toContain(`Refund ${eur(odd.priceMinor)} · cash back ${eur(rounded)} (cash rounding `);
    await page.getByLabel('Reason').fill('Wrong size');
    await page.getByRole('button', { name: 'Refund', exact: true }).last().click();
    const asked = (await page.getByTestId('approval-question').textContent())!.replace(/\u00a0/g, ' ');
    expect(asked).toBe(
      `Approve refund of ${eur(odd.priceMinor)} to cash, ${eur(rounded)} in cash after cash rounding (receipt ${sold.receiptNumber}) for Cass?`,
    );
    await page
      .getByRole('group', { name: 'Approving manager' })
      .getByRole('button', { name: /^Manny/ })
      .click();
    await page.getByLabel('Manager PIN').fill('205837');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: 'Refund done' }).waitFor();
    const done = (await page.getByRole('status').filter({ hasText: 'Refunded' }).textContent())!.replace(/[\u00a0\u202f]/g, ' ');
    expect(done).toContain(`cash ${eur(rounded)} (cash rounding`);
    const refund = storage.db.prepare('SELECT record_json FROM refunds ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as {
      record_json: string;
    };
    expect(JSON.parse(refund.record_json).tenders).toEqual([
      expect.objectContaining({ method: 'cash', amountMinor: rounded, roundingMinor: rounded - odd.priceMinor }),
    ]);
    storage.settings.update({ store: { cashRoundingMinor: 0 } }, terminal.staff.Ada!);
  });
});
