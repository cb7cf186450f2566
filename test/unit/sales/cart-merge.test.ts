import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaleView } from '../../../shared/domain/sale';
import type { AddItemResult } from '../../../shared/ipc/areas/sales';
import { ok } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Issue 15, item 3: the same item scanned again adds to its line (a store setting, on by default);
// weighed items and lines with a discount stay separate. Item 15: clearing a long sale needs a manager.

const MILK = '4006381333931'; // 1.29 at 7 %
const WINE = '96385074';
const APPLES = '2000000000008'; // weighed

let t: TerminalFixture;
let manager: string;
const lines = (sale: SaleView) => sale.lines.map((l) => [l.name, l.quantity]);
const add = async (code: string, quantity?: number) =>
  await ok<AddItemResult & { outcome: 'added' }>(t, 'sales.addByBarcode', { code, ...(quantity ? { quantity } : {}) });

beforeEach(async () => {
  t = await terminalFixture();
  const cashier = await t.addStaff('Cass', 'cashier', '482913');
  manager = await t.addStaff('Manny', 'manager', '205837');
  expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
  await ok(t, 'shifts.open', { floatMinor: 5_000 });
});
afterEach(() => t.close());

describe('the same item again', () => {
  it('adds to its line by default, and answers with that line', async () => {
    const first = await add(MILK);
    await add(WINE);
    const again = await add(MILK, 5);
    expect(again.lineId).toBe(first.lineId);
    expect(lines(again.sale)).toEqual([
      ['Whole milk 1 l', 6],
      ['Red wine 0.75 l', 1],
    ]);
    expect(again.sale.totals.subtotalMinor).toBe(6 * 129 + 899);
  });

  it('keeps weighed items and discounted lines apart', async () => {
    await add(APPLES, 500);
    await add(APPLES, 700);
    const milk = await add(MILK);
    await ok(t, 'sales.discountLine', { lineId: milk.lineId, discount: { kind: 'percent', basisPoints: 500, reason: 'dented' } });
    const after = await add(MILK);
    expect(after.lineId).not.toBe(milk.lineId);
    expect(lines(after.sale)).toEqual([
      ['Apples', 500],
      ['Apples', 700],
      ['Whole milk 1 l', 1],
      ['Whole milk 1 l', 1],
    ]);
  });

  it('takes the cashier\'s "5 ×" as a count of a unit product, and refuses it for a weighed one', async () => {
    const five = await ok<AddItemResult & { outcome: 'added' }>(t, 'sales.addByBarcode', { code: MILK, times: 5 });
    expect(lines(five.sale)).toEqual([['Whole milk 1 l', 5]]);
    const more = await ok<AddItemResult & { outcome: 'added' }>(t, 'sales.addProduct', { productId: 'MILK-1L', times: 3 });
    expect(lines(more.sale)).toEqual([['Whole milk 1 l', 8]]);
    expect(await t.call('sales.addByBarcode', { code: APPLES, times: 2 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Apples is sold by weight: weigh it instead of typing a count.' },
    });
    expect(lines(await ok<SaleView>(t, 'sales.current'))).toEqual([['Whole milk 1 l', 8]]);
  });

  it('gives each scan a line of its own when the store turns the setting off', async () => {
    t.storage.settings.update({ store: { mergeSameItem: false } }, manager);
    await add(MILK);
    const second = await add(MILK);
    expect(lines(second.sale)).toEqual([
      ['Whole milk 1 l', 1],
      ['Whole milk 1 l', 1],
    ]);
  });
});

describe('clearing a sale', () => {
  it("is the cashier's call up to the policy's line count, and a manager's above it", async () => {
    t.storage.settings.update({ policies: { clearApprovalLines: 2 } }, manager);
    await add(MILK);
    await add(WINE);
    await ok(t, 'sales.clear');
    await add(MILK);
    await add(WINE);
    await add(APPLES, 300);
    expect(await t.call('sales.clear')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await ok<SaleView>(t, 'sales.current')).lines).toHaveLength(3);
    await ok(t, 'approvals.grant', { approverId: manager, pin: '205837', channel: 'sales.clear', request: undefined });
    await ok(t, 'sales.clear');
    expect(await ok(t, 'sales.current')).toBeNull();
    const cleared = t.storage.db
      .prepare("SELECT approver_id AS approver FROM audit_log WHERE action = 'sale.cleared' ORDER BY seq")
      .all() as { approver: string | null }[];
    expect(cleared.map((c) => c.approver)).toEqual([null, manager]);
  });
});
