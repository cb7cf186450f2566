import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentRequest } from '../../../shared/api/payments';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import type { ShiftReport } from '../../../shared/domain/shift';
import { selectCardReader } from '../../../electron/main/devices/card-reader-selection';
import type { AuthorizeOutcome, LookupOutcome, PaymentGateway, ReverseOutcome } from '../../../electron/main/payments/payment-gateway';
import { RecordingPrinter } from '../../support/receipt-fakes';
import { ok, payCash, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Regression (issue 15, item 5): a cashier's X report with a manager's approval failed with "The
// request was not valid. request: invalid type": the page's request for a channel that takes none
// is `undefined`, which JSON (the browser host's bridge) drops, so `approvals.grant` arrived without
// its `request` key. Every channel the page wraps in `useGuardedAction` is completed here by a
// cashier with a manager's approval, each payload crossing the wire as JSON, as the page sends it.

const renderer = path.resolve(import.meta.dirname, '../../../renderer/src');

/** The channels the page wraps in `useGuardedAction` (`run('area.method', …)` or `guarded('area.method', …)`). */
function guardedChannelsInRenderer(): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(renderer, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const source = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const match of source.matchAll(/\b(?:run|guarded)\(\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)) found.add(match[1]!);
  }
  return [...found].sort();
}

class OfflineGateway implements PaymentGateway {
  authorize(_request: PaymentRequest): Promise<AuthorizeOutcome> {
    return Promise.resolve({ outcome: 'offline' });
  }
  lookup(): Promise<LookupOutcome> {
    return Promise.resolve({ outcome: 'unreachable' });
  }
  reverse(): Promise<ReverseOutcome> {
    return Promise.resolve({ outcome: 'unreachable' });
  }
}

let t: TerminalFixture;
let cashier: string;
let manager: string;
/** What JSON makes of a payload: `undefined` keys and values are dropped. */
const wire = (payload: unknown): unknown => (payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)));
const call = <T>(channel: string, payload?: unknown) => t.call<T>(channel, wire(payload));

/** The cashier is refused, a manager approves that exact request, and the cashier's call then completes. */
async function withApproval<T>(channel: string, request: unknown): Promise<T> {
  expect(await call(channel, request), `${channel} before approval`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const granted = await call('approvals.grant', { approverId: manager, pin: '205837', channel, request });
  expect(granted, `approval of ${channel}`).toEqual({
    ok: true,
    data: { outcome: 'approved', expiresInSeconds: expect.any(Number) as number },
  });
  const done = await call<T>(channel, request);
  if (!done.ok) expect.fail(`${channel} with approval: ${done.error.code} ${done.error.message}`);
  return done.data;
}

const APPLES = 'APPLES'; // the test catalog's weighed product, 2.99 / kg

/** With a scale set up, a weight typed by hand (no steady reading of those grams) is an override. */
function setUpScale(): void {
  t.storage.settings.update({ devices: { scale: { kind: 'serial', serialPath: '/dev/ttyUSB0' } } }, manager);
}

async function soldSale(): Promise<SaleView> {
  const sale = await startSale(t);
  return (await payCash(t, sale)).sale;
}

const setups: Record<string, () => Promise<unknown>> = {
  'shifts.xReport': async () => {
    await startSale(t);
    expect(await withApproval<ShiftReport>('shifts.xReport', undefined)).toMatchObject({ kind: 'X' });
  },
  'drawer.open': async () => {
    expect(await withApproval('drawer.open', { reason: 'no_sale' })).toMatchObject({ openedAt: expect.any(String) as string });
  },
  'shifts.cashMovement': async () => {
    await ok(t, 'shifts.open', { floatMinor: 10_000 });
    const request = { movementId: uuidv7(), kind: 'paid_out', amountMinor: 500, reason: 'window cleaner' };
    expect(await withApproval('shifts.cashMovement', request)).toMatchObject({ kind: 'paid_out', amountMinor: 500 });
  },
  'shifts.close': async () => {
    await ok(t, 'shifts.open', { floatMinor: 10_000 });
    expect(await withApproval('shifts.close', { countedMinor: 10_000 })).toMatchObject({ kind: 'Z' });
  },
  'receipts.shiftReport': async () => {
    const shift = await ok<{ shiftId: string }>(t, 'shifts.open', { floatMinor: 10_000 });
    await call('approvals.grant', { approverId: manager, pin: '205837', channel: 'shifts.close', request: { countedMinor: 10_000 } });
    await ok(t, 'shifts.close', { countedMinor: 10_000 });
    expect(await withApproval('receipts.shiftReport', { shiftId: shift.shiftId, output: 'print' })).toMatchObject({ outcome: 'printed' });
  },
  'receipts.reprint': async () => {
    const sale = await soldSale();
    const request = { receiptNumber: sale.receipt!.receiptNumber, output: 'print' };
    expect(await withApproval('receipts.reprint', request)).toMatchObject({ outcome: 'printed' });
  },
  'refunds.issue': async () => {
    const sale = await soldSale();
    const request = {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: sale.lines[0]!.lineId, quantity: 1 }],
      reason: 'damaged',
    };
    expect(await withApproval('refunds.issue', request)).toMatchObject({ originalSaleId: sale.saleId });
  },
  'sales.void': async () => {
    const sale = await soldSale();
    expect(await withApproval('sales.void', { voidId: uuidv7(), saleId: sale.saleId, reason: 'wrong items' })).toMatchObject({
      saleId: sale.saleId,
    });
  },
  'sales.clear': async () => {
    t.storage.settings.update({ policies: { clearApprovalLines: 1 } }, manager);
    await startSale(t);
    await ok(t, 'sales.addByBarcode', { code: '96385074' });
    expect(await withApproval('sales.clear', undefined)).toBeNull();
    expect(await ok(t, 'sales.current')).toBeNull();
  },
  'sales.discountLine': async () => {
    const sale = await startSale(t);
    const request = { lineId: sale.lines[0]!.lineId, discount: { kind: 'percent', basisPoints: 5_000, reason: 'damaged box' } };
    expect(await withApproval<SaleView>('sales.discountLine', request)).toMatchObject({ saleId: sale.saleId });
  },
  'sales.discountSale': async () => {
    const sale = await startSale(t);
    const request = { discount: { kind: 'percent', basisPoints: 5_000, reason: 'loyal customer' } };
    expect(await withApproval<SaleView>('sales.discountSale', request)).toMatchObject({ saleId: sale.saleId });
  },
  'sales.addProduct': async () => {
    setUpScale();
    await startSale(t);
    const result = await withApproval<{ outcome: string; sale: SaleView }>('sales.addProduct', { productId: APPLES, quantity: 452 });
    expect(result).toMatchObject({ outcome: 'added' });
    expect(result.sale.lines.find((l) => l.productId === APPLES)).toMatchObject({ soldBy: 'weight', quantity: 452 });
  },
  'sales.setQuantity': async () => {
    await startSale(t);
    const added = await ok<{ lineId: string }>(t, 'sales.addProduct', { productId: APPLES, quantity: 452 });
    setUpScale();
    const sale = await withApproval<SaleView>('sales.setQuantity', { lineId: added.lineId, quantity: 1_000 });
    expect(sale.lines.find((l) => l.lineId === added.lineId)).toMatchObject({ soldBy: 'weight', quantity: 1_000 });
  },
  'sales.tenderCard': async () => {
    const sale = await startSale(t, '96385074');
    const request = { saleId: sale.saleId, paymentId: uuidv7(), policy: 'force_offline' };
    expect(await withApproval('sales.tenderCard', request)).toMatchObject({ outcome: 'paid', status: 'approved_offline' });
  },
};

beforeEach(async () => {
  t = await terminalFixture({
    cardReader: selectCardReader('linux'),
    printer: new RecordingPrinter(),
    paymentGateway: new OfflineGateway(),
  });
  cashier = await t.addStaff('Cass', 'cashier', '482913');
  manager = await t.addStaff('Manny', 'manager', '205837');
  expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
});
afterEach(() => t.close());

describe('every guarded action, for a cashier with a manager approval', () => {
  it('covers every channel the page wraps in useGuardedAction', () => {
    expect(guardedChannelsInRenderer()).toEqual(Object.keys(setups).sort());
  });

  it.each(Object.keys(setups))('%s completes once a manager approves it', async (channel) => {
    await setups[channel]!();
  });
});
