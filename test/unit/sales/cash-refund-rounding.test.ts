import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { RefundableSale, RefundView } from '../../../shared/domain/refund';
import type { SaleView } from '../../../shared/domain/sale';
import type { ShiftReport } from '../../../shared/domain/shift';
import { ok, payCash, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

const MILK = '4006381333931'; // 1.29
const WINE = '96385074'; // 8.99

// Issue 15 item 17: a store that rounds cash to 0.05 paid cash refunds to the cent, coins the drawer
// does not hold, and its drawer expectation counted them so.
let t: TerminalFixture;
let manager: string;
beforeEach(async () => {
  t = await terminalFixture();
  manager = await t.addStaff('Manny', 'manager', '205837');
  expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
  t.storage.settings.update({ store: { cashRoundingMinor: 5 } }, manager);
  await ok(t, 'shifts.open', { floatMinor: 10_000 });
});
afterEach(() => t.close());

async function soldForCash(): Promise<SaleView> {
  const sale = await startSale(t, WINE);
  await ok(t, 'sales.setQuantity', { lineId: sale.lines[0]!.lineId, quantity: 3 });
  await ok(t, 'sales.addByBarcode', { code: MILK });
  const current = (await ok<SaleView>(t, 'sales.current'))!;
  expect(current).toMatchObject({ remainingMinor: 2_826, cashDueMinor: 2_825 });
  return (await payCash(t, current, 3_000)).sale;
}

describe('a cash refund in a store that rounds cash', () => {
  it('hands back the cash part rounded like a cash sale, on the record, the receipt, the API item and the drawer', async () => {
    const sale = await soldForCash();
    const [wine, milk] = sale.lines;
    const looked = await ok<RefundableSale>(t, 'refunds.lookup', { receiptNumber: sale.receipt!.receiptNumber });
    expect(looked).toMatchObject({
      cashRoundingMinor: 5,
      tenders: [{ paymentId: sale.payments[0]!.paymentId, method: 'cash', roomMinor: 2_826 }],
    });

    const one = await ok<RefundView>(t, 'refunds.issue', {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: wine!.lineId, quantity: 1 }],
      reason: 'corked',
    });
    expect(one).toMatchObject({ totalMinor: 899, tenders: [{ method: 'cash', amountMinor: 900, roundingMinor: 1 }] });
    const two = await ok<RefundView>(t, 'refunds.issue', {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: milk!.lineId, quantity: 1 }],
      reason: 'sour',
    });
    expect(two).toMatchObject({ totalMinor: 129, tenders: [{ method: 'cash', amountMinor: 130, roundingMinor: 1 }] });
    // What is left to refund is counted without the rounding handed out: the rest of the sale still fits.
    const rest = await ok<RefundView>(t, 'refunds.issue', {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: wine!.lineId, quantity: 2 }],
      reason: 'corked',
    });
    expect(rest).toMatchObject({ totalMinor: 1_798, tenders: [{ method: 'cash', amountMinor: 1_800, roundingMinor: 2 }] });
    expect((await ok<RefundableSale>(t, 'refunds.lookup', { receiptNumber: sale.receipt!.receiptNumber })).tenders[0]!.roomMinor).toBe(0);

    const receipt = await ok<ReceiptDocument>(t, 'receipts.get', { receiptNumber: one.receipt.receiptNumber });
    const text = JSON.stringify(receipt);
    expect(text).toContain('Cash back');
    expect(text).toContain('Cash rounding');

    const queued = t.storage.db.prepare('SELECT payload_json FROM outbox WHERE client_id = ?').get(one.refundId) as {
      payload_json: string;
    };
    expect(JSON.parse(queued.payload_json).body.tenders).toEqual([expect.objectContaining({ amountMinor: 900, roundingMinor: 1 })]);

    // The drawer: 28.25 taken, 28.30 given back; rounding −0.01 on the sale, +0.04 handed out on refunds.
    const x = await ok<ShiftReport>(t, 'shifts.xReport');
    expect(x.cash).toMatchObject({ floatMinor: 10_000, salesMinor: 2_825, refundsMinor: 2_830, roundingMinor: -5, expectedMinor: 9_995 });
    expect(x.tenders).toEqual([{ method: 'cash', count: 1, amountMinor: -5 }]);
    expect(x.refunds).toMatchObject({ count: 3, amountMinor: 2_826 });
  });

  it('reads refunds stored before cash rounding as unrounded', async () => {
    const sale = await soldForCash();
    const refund = await ok<RefundView>(t, 'refunds.issue', {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: sale.lines[1]!.lineId, quantity: 1 }],
      reason: 'sour',
    });
    const stored = JSON.parse(
      (t.storage.db.prepare('SELECT record_json FROM refunds WHERE id = ?').get(refund.refundId) as { record_json: string }).record_json,
    );
    for (const tender of stored.tenders) delete tender.roundingMinor;
    t.storage.db
      .prepare('UPDATE refunds SET record_json = ? WHERE id = ?')
      .run(JSON.stringify({ ...stored, tenders: stored.tenders.map((x: object) => ({ ...x, amountMinor: 129 })) }), refund.refundId);
    expect((await ok<ShiftReport>(t, 'shifts.xReport')).cash).toMatchObject({ refundsMinor: 129, roundingMinor: -1 });
  });
});
