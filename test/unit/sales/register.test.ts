import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transactionEnvelopeSchema } from '../../../shared/api/transactions';
import { uuidv7 } from '../../../shared/domain/ids';
import type { RefundableSale, RefundView } from '../../../shared/domain/refund';
import type { SaleView } from '../../../shared/domain/sale';
import type { ShiftReport } from '../../../shared/domain/shift';
import { ok, payCash, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

const MILK = '4006381333931'; // 1.29 at 7 %
const WINE = '96385074'; // 8.99 at 19 %
const APPLES = '2000000000008'; // 2.99 / kg at 7 %

let t: TerminalFixture;
let cashier: string;
let manager: string;
const count = (table: string) => (t.storage.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshot = () =>
  ['sales', 'sale_lines', 'payments', 'documents', 'outbox', 'audit_log', 'refunds', 'voids', 'cash_movements'].map(count);
const actions = () =>
  (t.storage.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

async function signIn(id: string, pin: string) {
  expect((await t.core.session.signIn(id, pin)).outcome).toBe('signed_in');
}
async function approve(channel: string, request: unknown) {
  return ok(t, 'approvals.grant', { approverId: manager, pin: '205837', channel, request });
}

beforeEach(async () => {
  t = await terminalFixture();
  cashier = await t.addStaff('Cass', 'cashier', '482913');
  manager = await t.addStaff('Manny', 'manager', '205837');
  await signIn(cashier, '482913');
});
afterEach(() => t.close());

describe('the cart', () => {
  it('needs an open shift before anything is sold', async () => {
    expect(await t.call('sales.addByBarcode', { code: MILK })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Open a shift before selling.' },
    });
    expect(count('sales')).toBe(0);
  });

  it('adds by scan and by tile, prices a weighed item by the gram, and says what it cannot add', async () => {
    await ok(t, 'shifts.open', { floatMinor: 5_000 });
    await ok(t, 'sales.addByBarcode', { code: MILK });
    expect(await ok(t, 'sales.addByBarcode', { code: APPLES })).toMatchObject({ outcome: 'needs_weight', product: { sku: 'APPLES' } });
    await ok(t, 'sales.addByBarcode', { code: APPLES, quantity: 1_234 });
    const added = await ok<{ sale: SaleView }>(t, 'sales.addProduct', { productId: 'WINE-RED', quantity: 2 });
    expect(added.sale.lines.map((l) => [l.name, l.quantity, l.grossMinor])).toEqual([
      ['Whole milk 1 l', 1, 129],
      ['Apples', 1_234, 369],
      ['Red wine 0.75 l', 2, 1_798],
    ]);
    expect(added.sale.totals).toMatchObject({ subtotalMinor: 2_296, totalMinor: 2_296, taxMinor: 33 + 287 }); // tax per rate on the rate's sum: 4.98 at 7 %, 17.98 at 19 %

    const before = snapshot();
    expect(await ok(t, 'sales.addByBarcode', { code: '4000000000006' })).toEqual({ outcome: 'unknown_barcode', code: '4000000000006' });
    expect(await ok(t, 'sales.addProduct', { productId: 'OLD-MUG' })).toMatchObject({ outcome: 'inactive' });
    expect(snapshot()).toEqual(before);
  });

  it('refuses bad input from the page with a typed error and changes nothing', async () => {
    const sale = await startSale(t);
    const before = snapshot();
    const lineId = sale.lines[0]!.lineId;
    for (const [channel, payload] of [
      ['sales.addByBarcode', { code: '4006381333932' }], // wrong check digit
      ['sales.addByBarcode', { code: MILK, quantity: 0 }],
      ['sales.addByBarcode', { code: MILK, quantity: 1.5 }],
      ['sales.addProduct', { productId: 'MILK-1L', quantity: 10_000 }], // too many of one unit item
      ['sales.setQuantity', { lineId, quantity: -1 }],
      ['sales.setQuantity', { lineId: 'ln_nosuchline', quantity: 2 }],
      ['sales.discountLine', { lineId, discount: { kind: 'amount', amountMinor: -5, reason: 'bad' } }],
      ['sales.tenderCash', { saleId: sale.saleId, paymentId: 'not-a-uuid', givenMinor: 100 }],
      ['sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: 0 }],
      ['sales.addProduct', { productId: 'NO-SUCH' }],
    ] as const) {
      const result = await t.call(channel, payload);
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
    }
    expect(snapshot()).toEqual(before);
  });

  it('changes quantities, removes lines (audited) and clears', async () => {
    const sale = await startSale(t);
    const lineId = sale.lines[0]!.lineId;
    expect((await ok<SaleView>(t, 'sales.setQuantity', { lineId, quantity: 3 })).totals.totalMinor).toBe(387);
    await ok(t, 'sales.addByBarcode', { code: WINE });
    expect((await ok<SaleView>(t, 'sales.removeLine', { lineId })).lines.map((l) => l.productId)).toEqual(['WINE-RED']);
    expect(await ok(t, 'sales.clear')).toBeNull();
    expect(await ok(t, 'sales.current')).toBeNull();
    expect(actions()).toEqual(expect.arrayContaining(['sale.line_removed', 'sale.cleared']));
  });

  it('parks a sale and resumes it after a restart of the terminal', async () => {
    await startSale(t);
    const parked = await ok<{ saleId: string }>(t, 'sales.park', { note: 'forgot wallet' });
    expect(await ok(t, 'sales.current')).toBeNull();
    t = t.restart();
    await signIn(cashier, '482913');
    expect(await ok(t, 'sales.listParked')).toEqual([
      expect.objectContaining({ saleId: parked.saleId, lineCount: 1, totalMinor: 129, note: 'forgot wallet' }),
    ]);
    await startSale(t, WINE);
    expect(await t.call('sales.resume', { saleId: parked.saleId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await ok(t, 'sales.clear');
    expect(await ok(t, 'sales.resume', { saleId: parked.saleId })).toMatchObject({ saleId: parked.saleId, status: 'open' });
  });
});

describe('discounts', () => {
  it('lets anyone give up to the policy limit and asks a manager above it, for that exact discount', async () => {
    const sale = await startSale(t, WINE);
    const lineId = sale.lines[0]!.lineId;
    const small = { lineId, discount: { kind: 'percent', basisPoints: 1_000, reason: 'dented' } };
    expect((await ok<SaleView>(t, 'sales.discountLine', small)).totals.totalMinor).toBe(809);
    const big = { lineId, discount: { kind: 'percent', basisPoints: 2_500, reason: 'last bottle' } };
    const before = snapshot();
    expect(await t.call('sales.discountLine', big)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(snapshot()).toEqual(before);
    expect(await approve('sales.discountLine', big)).toMatchObject({ outcome: 'approved' });
    // The approval is for that request only.
    expect(await t.call('sales.discountLine', { ...big, discount: { ...big.discount, basisPoints: 5_000 } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await ok<SaleView>(t, 'sales.discountLine', big)).totals.totalMinor).toBe(674);
    const row = t.storage.db.prepare("SELECT approver_id FROM audit_log WHERE action = 'sale.discounted' ORDER BY seq DESC LIMIT 1").get();
    expect(row).toEqual({ approver_id: manager });
  });

  it('refuses a smaller quantity that would turn an allowed amount discount into one nobody approved', async () => {
    const sale = await startSale(t, WINE);
    const lineId = sale.lines[0]!.lineId;
    await ok(t, 'sales.setQuantity', { lineId, quantity: 10 }); // 89.90
    await ok(t, 'sales.discountLine', { lineId, discount: { kind: 'amount', amountMinor: 899, reason: 'bulk' } }); // 10 %
    const before = snapshot();
    expect(await t.call('sales.setQuantity', { lineId, quantity: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(snapshot()).toEqual(before);
    // More is always fine, and so is a smaller quantity the discount still fits.
    expect((await ok<SaleView>(t, 'sales.setQuantity', { lineId, quantity: 12 })).totals.discountMinor).toBe(899);
    expect((await ok<SaleView>(t, 'sales.setQuantity', { lineId, quantity: 10 })).totals.totalMinor).toBe(8_091);
    // A sale discount is held to the same rule when a line comes off.
    await ok(t, 'sales.discountLine', { lineId, discount: null });
    const milk = (await ok<{ sale: SaleView }>(t, 'sales.addByBarcode', { code: MILK })).sale.lines[1]!;
    await ok(t, 'sales.discountSale', { discount: { kind: 'amount', amountMinor: 100, reason: 'loyalty' } });
    await ok(t, 'sales.removeLine', { lineId: milk.lineId });
    expect(await t.call('sales.setQuantity', { lineId, quantity: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('treats an amount discount by its share of what it applies to', async () => {
    await startSale(t, WINE);
    expect(await t.call('sales.discountSale', { discount: { kind: 'amount', amountMinor: 200, reason: 'price match' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      (await ok<SaleView>(t, 'sales.discountSale', { discount: { kind: 'amount', amountMinor: 80, reason: 'price match' } })).totals,
    ).toMatchObject({
      discountMinor: 80,
      totalMinor: 819,
    });
  });
});

describe('tender and completion', () => {
  it('takes split cash, shows the change, completes in one go with its number, audit and outbox entry', async () => {
    const sale = await startSale(t, WINE);
    const first = await ok<{ sale: SaleView; changeMinor: number; receipt: unknown }>(t, 'sales.tenderCash', {
      saleId: sale.saleId,
      paymentId: uuidv7(),
      givenMinor: 500,
    });
    expect(first.sale).toMatchObject({ status: 'open', paidMinor: 500, remainingMinor: 399, receipt: null });
    const secondTender = { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: 1_000 };
    const second = await ok<{ sale: SaleView; changeMinor: number; receipt: unknown }>(t, 'sales.tenderCash', secondTender);
    expect(second.changeMinor).toBe(601);
    expect(second.sale).toMatchObject({
      status: 'completed',
      remainingMinor: 0,
      receipt: { sequence: 1, receiptNumber: `${t.storage.terminalId}-000001` },
    });
    // The answer is built from what was written, and it is exactly what reading the sale back gives.
    expect(await ok(t, 'sales.recent', { limit: 1 })).toEqual([second.sale]);
    // Its receipt, built from the view at hand, is the one read back (as the same tender arriving again is answered).
    expect(second.receipt).toMatchObject({ receiptNumber: second.sale.receipt!.receiptNumber });
    expect(await ok(t, 'sales.tenderCash', secondTender)).toEqual(second);
    const outbox = t.storage.db.prepare("SELECT client_id, kind, payload_json FROM outbox WHERE kind <> 'shift_open'").all() as {
      client_id: string;
      kind: string;
      payload_json: string;
    }[];
    expect(outbox).toEqual([expect.objectContaining({ client_id: sale.saleId, kind: 'sale' })]);
    expect(JSON.parse(outbox[0]!.payload_json)).toMatchObject({ type: 'sale', terminalSequence: 1, totalMinor: 899, currency: 'EUR' });
    expect(actions().filter((a) => a === 'sale.completed')).toHaveLength(1);
    expect(await ok(t, 'sales.current')).toBeNull();
  });

  it('completes a sale once however often the same tender arrives, and refuses a second completion', async () => {
    const sale = await startSale(t);
    const paymentId = uuidv7();
    const first = await ok(t, 'sales.tenderCash', { saleId: sale.saleId, paymentId, givenMinor: 200 });
    const before = snapshot();
    expect(await ok(t, 'sales.tenderCash', { saleId: sale.saleId, paymentId, givenMinor: 200 })).toEqual(first);
    expect(await t.call('sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: 200 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(snapshot()).toEqual(before);
  });

  it('rounds the cash due when the store rounds cash, and only for cash', async () => {
    t.storage.settings.update({ store: { cashRoundingMinor: 5 } }, manager);
    const sale = await startSale(t); // 1.29
    expect(sale).toMatchObject({ remainingMinor: 129, cashDueMinor: 130 });
    const paid = await payCash(t, sale, 200);
    expect(paid.changeMinor).toBe(70);
    expect(paid.sale.payments[0]).toMatchObject({ amountMinor: 130, cash: { roundingMinor: 1 } });
    expect(paid.sale.totals.totalMinor).toBe(129);
  });

  it('numbers every document without gaps, even when a completion is refused', async () => {
    for (let i = 0; i < 3; i++) {
      const sale = await startSale(t);
      await t.call('sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: 1 }); // part payment: no number
      await payCash(t, (await ok<SaleView>(t, 'sales.current'))!);
    }
    const seqs = (t.storage.db.prepare('SELECT seq FROM documents ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toEqual([1, 2, 3]);
  });
});

describe('refunds and voids', () => {
  async function soldSale(): Promise<SaleView> {
    const sale = await startSale(t, WINE);
    await ok(t, 'sales.setQuantity', { lineId: sale.lines[0]!.lineId, quantity: 3 });
    await ok(t, 'sales.addByBarcode', { code: MILK });
    return (await payCash(t, (await ok<SaleView>(t, 'sales.current'))!, 5_000)).sale;
  }

  it('refunds part of a sale with a manager on the spot, never more than was sold', async () => {
    const sale = await soldSale();
    const looked = await ok<RefundableSale>(t, 'refunds.lookup', { receiptNumber: sale.receipt!.receiptNumber.toLowerCase() });
    expect(looked.refundable.map((r) => r.quantity)).toEqual([3, 1]);
    const wine = sale.lines[0]!;
    const request = { refundId: uuidv7(), originalSaleId: sale.saleId, lines: [{ lineId: wine.lineId, quantity: 2 }], reason: 'corked' };
    expect(await t.call('refunds.issue', request)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await approve('refunds.issue', request);
    const refund = await ok<RefundView>(t, 'refunds.issue', request);
    expect(refund).toMatchObject({
      totalMinor: 1_798,
      approverId: manager,
      tenders: [{ method: 'cash', amountMinor: 1_798 }],
      receipt: { sequence: 2 },
    });

    const tooMuch = { refundId: uuidv7(), originalSaleId: sale.saleId, lines: [{ lineId: wine.lineId, quantity: 2 }], reason: 'corked' };
    await approve('refunds.issue', tooMuch);
    const audited = actions().length;
    const before = snapshot();
    expect(await t.call('refunds.issue', tooMuch)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('only 1 of 3') },
    });
    // Nothing changes but the record that a manager's approval was used.
    expect(actions().slice(audited)).toEqual(['override.approved']);
    const after = snapshot();
    expect(after.filter((_, i) => i !== 5)).toEqual(before.filter((_, i) => i !== 5));
    // A retried call with the same refund id answers as before and refunds nothing more.
    await signIn(manager, '205837');
    const settled = snapshot();
    expect(await ok(t, 'refunds.issue', request)).toEqual(refund);
    expect(snapshot()).toEqual(settled);
  });

  it('gives back exactly what was charged when a line is refunded in parts', async () => {
    await signIn(manager, '205837');
    const sale = await soldSale();
    const wine = sale.lines[0]!;
    let total = 0;
    let tax = 0;
    for (let i = 0; i < 3; i++) {
      const r = await ok<RefundView>(t, 'refunds.issue', {
        refundId: uuidv7(),
        originalSaleId: sale.saleId,
        lines: [{ lineId: wine.lineId, quantity: 1 }],
        reason: 'returned',
      });
      total += r.totalMinor;
      tax += r.taxMinor;
    }
    expect([total, tax]).toEqual([wine.netMinor, wine.taxMinor]);
  });

  it('voids a sale of this shift once, then refuses refunds of it', async () => {
    const sale = await soldSale();
    const request = { voidId: uuidv7(), saleId: sale.saleId, reason: 'wrong customer' };
    expect(await t.call('sales.void', request)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signIn(manager, '205837');
    expect(await ok(t, 'sales.void', request)).toMatchObject({
      totalMinor: sale.totals.totalMinor,
      originalReceiptNumber: sale.receipt!.receiptNumber,
    });
    expect(await ok(t, 'sales.void', request)).toMatchObject({ voidId: request.voidId });
    expect(await t.call('sales.void', { ...request, voidId: uuidv7() })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const refund = {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: sale.lines[0]!.lineId, quantity: 1 }],
      reason: 'returned',
    };
    expect(await t.call('refunds.issue', refund)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(t.storage.db.prepare('SELECT status FROM sales WHERE id = ?').get(sale.saleId)).toEqual({ status: 'voided' });
  });
});

describe('shifts and reports', () => {
  it('X and Z agree with the sales, refunds, voids and cash movements of the shift', async () => {
    await signIn(manager, '205837');
    await ok(t, 'shifts.open', { floatMinor: 10_000 });
    expect(await t.call('shifts.open', { floatMinor: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const a = (await payCash(t, await startSale(t, WINE), 1_000)).sale; // 8.99 cash
    const b = (await payCash(t, await startSale(t, MILK), 200)).sale; // 1.29 cash
    await ok(t, 'refunds.issue', {
      refundId: uuidv7(),
      originalSaleId: a.saleId,
      lines: [{ lineId: a.lines[0]!.lineId, quantity: 1 }],
      reason: 'corked',
    });
    await ok(t, 'sales.void', { voidId: uuidv7(), saleId: b.saleId, reason: 'rang twice' });
    await ok(t, 'shifts.cashMovement', { movementId: uuidv7(), kind: 'paid_out', amountMinor: 1_500, reason: 'window cleaner' });
    await ok(t, 'shifts.cashMovement', { movementId: uuidv7(), kind: 'paid_in', amountMinor: 500, reason: 'change from bank' });

    const x = await ok<ShiftReport>(t, 'shifts.xReport');
    expect(x).toMatchObject({
      kind: 'X',
      sales: { count: 2, amountMinor: 1_028 },
      refunds: { count: 1, amountMinor: 899 },
      voids: { count: 1, amountMinor: 129 },
      netSalesMinor: 0,
      taxByRate: [{ rateBp: 1900, netMinor: 0, taxMinor: 0 }],
      tenders: [{ method: 'cash', count: 1, amountMinor: 0 }],
      cash: {
        floatMinor: 10_000,
        salesMinor: 899,
        refundsMinor: 899,
        paidInMinor: 500,
        paidOutMinor: 1_500,
        expectedMinor: 9_000,
        countedMinor: null,
      },
    });

    await startSale(t, MILK);
    expect(await t.call('shifts.close', { countedMinor: 8_950 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await ok(t, 'sales.park', {});
    // A count off from the expected cash closes nothing until that very difference is confirmed (issue 15, item 14).
    const before = snapshot();
    expect(await ok(t, 'shifts.close', { countedMinor: 8_950 })).toEqual({
      outcome: 'count_differs',
      currency: 'EUR',
      expectedMinor: 9_000,
      countedMinor: 8_950,
      differenceMinor: -50,
    });
    expect(await ok(t, 'shifts.close', { countedMinor: 8_950, confirmDifferenceMinor: -40 })).toMatchObject({
      outcome: 'count_differs',
      differenceMinor: -50,
    });
    expect(snapshot()).toEqual(before);
    const z = await ok<ShiftReport>(t, 'shifts.close', { countedMinor: 8_950, confirmDifferenceMinor: -50 });
    const { kind: _x, generatedAt: _g, cash: xCash, closedAt: _c, closedBy: _b, zNumber: _n, ...sameFigures } = x;
    expect(z).toMatchObject({
      ...sameFigures,
      kind: 'Z',
      zNumber: 1,
      closedBy: manager,
      cash: { ...xCash, countedMinor: 8_950, differenceMinor: -50 },
    });
    expect(x.zNumber).toBeNull();
    expect(await ok(t, 'shifts.current')).toBeNull();
    expect(t.storage.db.prepare("SELECT kind FROM outbox WHERE kind = 'shift_close'").all()).toHaveLength(1);
    // What the register queues is what the NoPOS API accepts, for every kind of record.
    const queued = t.storage.db.prepare("SELECT kind, payload_json FROM outbox WHERE kind <> 'security_alert' ORDER BY seq").all() as {
      kind: string;
      payload_json: string;
    }[];
    expect(queued.map((q) => q.kind)).toEqual(['shift_open', 'sale', 'sale', 'refund', 'void', 'paid_out', 'paid_in', 'shift_close']);
    for (const item of queued) expect(transactionEnvelopeSchema.safeParse(JSON.parse(item.payload_json)).error).toBeUndefined();
  });

  // Issue 15 item 17: the API learnt of a shift only at its close. The open is queued with the shift,
  // under its own client id; the close keeps the shift id as its client id (the API already holds closes by it).
  it('queues the shift open with its float before anything of the shift, and the close keeps the shift id', async () => {
    t.core.session.signOut();
    expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
    const shift = await ok<{ shiftId: string; openedAt: string }>(t, 'shifts.open', { floatMinor: 7_500 });
    await ok(t, 'shifts.close', { countedMinor: 7_500 });
    const queued = t.storage.db
      .prepare("SELECT client_id, kind, payload_json FROM outbox WHERE kind LIKE 'shift_%' ORDER BY seq")
      .all() as { client_id: string; kind: string; payload_json: string }[];
    expect(queued.map((q) => q.kind)).toEqual(['shift_open', 'shift_close']);
    const [open, close] = queued.map((q) => JSON.parse(q.payload_json) as Record<string, unknown>);
    expect(open).toEqual({
      clientId: queued[0]!.client_id,
      type: 'shift_open',
      terminalSequence: null,
      occurredAt: shift.openedAt,
      currency: 'EUR',
      totalMinor: 7_500,
      body: { shiftId: shift.shiftId, openedBy: manager, floatMinor: 7_500 },
    });
    expect(queued[0]!.client_id).not.toBe(shift.shiftId);
    expect(close).toMatchObject({ clientId: shift.shiftId, type: 'shift_close' });
    expect(queued[1]!.client_id).toBe(shift.shiftId);
    expect(transactionEnvelopeSchema.safeParse(open).error).toBeUndefined();
    // The API refuses a shift open that does not say which shift, or whose float is not its total.
    expect(transactionEnvelopeSchema.safeParse({ ...open, totalMinor: 1 }).success).toBe(false);
    expect(transactionEnvelopeSchema.safeParse({ ...open, body: { floatMinor: 7_500 } }).success).toBe(false);
  });

  it('keeps a shift open over a restart, and refuses a paid out of more cash than the drawer holds', async () => {
    await signIn(manager, '205837');
    await ok(t, 'shifts.open', { floatMinor: 1_000 });
    t = t.restart();
    await signIn(manager, '205837');
    expect(await ok(t, 'shifts.current')).toMatchObject({ status: 'open', floatMinor: 1_000 });
    expect(
      await t.call('shifts.cashMovement', { movementId: uuidv7(), kind: 'paid_out', amountMinor: 1_001, reason: 'too much' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('needs read:reports for reports and open:drawer for paid in and out', async () => {
    await ok(t, 'shifts.open', { floatMinor: 1_000 });
    expect(await t.call('shifts.xReport')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call('shifts.close', { countedMinor: 1_000 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await t.call('shifts.cashMovement', { movementId: uuidv7(), kind: 'paid_in', amountMinor: 100, reason: 'float top up' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
