import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/main/core/app-core';
import type { TerminalStorage } from '../../../electron/main/core/terminal-storage';
import { SimulatedCashDrawer, type CashDrawer } from '../../../electron/main/devices/cash-drawer';
import { isAppProtocolSender } from '../../../electron/main/ipc/sender';
import { uuidv7 } from '../../../shared/domain/ids';
import type { ReceiptDocument } from '../../../shared/domain/receipt';
import type { SaleView } from '../../../shared/domain/sale';
import type { Role } from '../../../shared/domain/staff';
import type { IpcResult } from '../../../shared/ipc/errors';
import { saleReceipt, shiftReport, SHIFT_ID } from '../../support/receipt-fixtures';
import { MemoryReceiptSource, RecordingPrinter } from '../../support/receipt-fakes';
import { memoryKeychain, openTestStorage, tempDir, insertStaff } from '../../support/storage';
import { testCatalog } from '../../support/test-catalog';
import { TestClock } from '../../support/terminal-fixture';
import { trustedSender } from '../../support/test-contract';

// The receipts channels through the real core, registry, session and audit trail over real encrypted
// storage; the printer is a stand-in, and so are the sales records (an in-memory ReceiptSource) except
// where the register's own ledger is used.

const PINS = { cashier: '482913', manager: '205837' } as const;
let scratch: ReturnType<typeof tempDir>;
let storage: TerminalStorage;
let clock: TestClock;
let source: MemoryReceiptSource;
let printer: RecordingPrinter;
let drawer: SimulatedCashDrawer;
let core: AppCore;
let staff: Record<'cashier' | 'manager', string>;

function makeCore(options: { withSource?: boolean; drawer?: CashDrawer; noDevices?: boolean } = {}): AppCore {
  return createAppCore({
    catalog: testCatalog(),
    appInfo: { productName: 'NoPOS Terminal', version: '1.0.0', platform: 'linux', startedAt: clock.now() },
    now: clock.now,
    storage,
    isTrustedSender: isAppProtocolSender,
    ...(options.noDevices ? {} : { devices: { printer, drawer: options.drawer ?? drawer } }),
    ...(options.withSource === false ? {} : { receiptSource: source }),
  });
}

const call = <T = unknown>(channel: string, payload?: unknown) =>
  core.registry.dispatch(channel, payload, trustedSender) as Promise<IpcResult<T>>;
const signIn = async (role: Role & keyof typeof PINS) =>
  expect((await core.session.signIn(staff[role], PINS[role])).outcome).toBe('signed_in');
const audit = () =>
  storage.db
    .prepare(
      "SELECT action, actor_id AS actor, approver_id AS approver, target, details_json AS details FROM audit_log WHERE action LIKE 'receipt.%' OR action LIKE 'report.%' OR action = 'drawer.opened' ORDER BY seq",
    )
    .all();

beforeEach(async () => {
  clock = new TestClock();
  scratch = tempDir('receipts');
  storage = await openTestStorage(memoryKeychain(), scratch.dir, { now: clock.now });
  storage.settings.update({ store: { name: 'Corner Grocer', address: '12 Market Street' }, terminal: { name: 'Front till' } }, null);
  staff = { cashier: 'st_cashier00001', manager: 'st_manager00001' };
  for (const role of ['cashier', 'manager'] as const)
    await insertStaff(storage, { id: staff[role], name: role === 'cashier' ? 'Cass' : 'Manny', role }, PINS[role]);
  source = new MemoryReceiptSource([saleReceipt()], [shiftReport('Z')]);
  printer = new RecordingPrinter();
  drawer = new SimulatedCashDrawer({ now: clock.now });
  core = makeCore();
});
afterEach(() => {
  storage.close();
  scratch.cleanup();
});

describe('receipts.output: the first copy', () => {
  it('prints the original once, marks it, audits it; a second print is a reprint and is refused', async () => {
    await signIn('cashier');
    expect(await call('receipts.output', { receiptNumber: 'till-1-000042', output: 'print' })).toEqual({
      ok: true,
      data: { outcome: 'printed', fileName: null },
    });
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.html).toContain('TILL-1-000042');
    expect(printer.jobs[0]!.html).toContain('Corner Grocer');
    expect(printer.jobs[0]!.html).not.toContain('REPRINT');
    expect(source.receipts.get('TILL-1-000042')!.printedAt).toBe(clock.now().toISOString());
    expect(audit()).toEqual([
      {
        action: 'receipt.printed',
        actor: staff.cashier,
        approver: null,
        target: 'TILL-1-000042',
        details: JSON.stringify({ output: 'print', fileName: null }),
      },
    ]);

    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(printer.jobs).toHaveLength(1);
    expect(audit()).toHaveLength(1);
  });

  it('makes no original of an old receipt never printed: past the window, any copy is a reprint', async () => {
    clock.ms = Date.parse('2026-11-29T10:01:02.000Z') + 16 * 60_000; // the sale was completed 16 minutes ago
    await signIn('cashier');
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(printer.jobs).toHaveLength(0);
    expect(audit()).toHaveLength(0);
  });

  it('saves the first PDF once, answering with its file name only', async () => {
    await signIn('cashier');
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'pdf' })).toEqual({
      ok: true,
      data: { outcome: 'saved', fileName: 'TILL-1-000042.pdf' },
    });
    expect(source.receipts.get('TILL-1-000042')!.savedAt).not.toBeNull();
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    // The first paper copy is still the original.
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' })).toMatchObject({ ok: true });
  });

  it('leaves a cancelled or failed print unmarked and unaudited, so the original can still be printed', async () => {
    await signIn('cashier');
    printer.next = 'cancel';
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' })).toEqual({
      ok: true,
      data: { outcome: 'cancelled', fileName: null },
    });
    printer.next = 'fail';
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(source.receipts.get('TILL-1-000042')!.printedAt).toBeNull();
    expect(audit()).toEqual([]);
    printer.next = 'ok';
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' })).toMatchObject({
      ok: true,
      data: { outcome: 'printed' },
    });
  });

  it('makes one original of a double click while the print dialog is open', async () => {
    await signIn('cashier');
    let release = () => {};
    printer.delay = new Promise((resolve) => (release = resolve));
    const first = call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' });
    const second = await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' });
    release();
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await first).toMatchObject({ ok: true, data: { outcome: 'printed' } });
    expect(printer.jobs).toHaveLength(1);
  });

  it('answers not_found for an unknown receipt and invalid_request for a malformed number', async () => {
    await signIn('cashier');
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000099', output: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('receipts.output', { receiptNumber: '../../etc/passwd', output: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(printer.jobs).toEqual([]);
  });
});

describe('receipts.reprint and receipts.get', () => {
  it('refuses a cashier, then reprints with a manager approval of that exact request, marked and audited', async () => {
    await signIn('cashier');
    const request = { receiptNumber: 'TILL-1-000042', output: 'print' };
    expect(await call('receipts.reprint', request)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await call('approvals.grant', { approverId: staff.manager, pin: PINS.manager, channel: 'receipts.reprint', request }),
    ).toMatchObject({ ok: true, data: { outcome: 'approved' } });
    expect(await call('receipts.reprint', request)).toEqual({ ok: true, data: { outcome: 'printed', fileName: null } });
    expect(printer.jobs.at(-1)!.html).toContain('*** REPRINT ***');
    expect(audit().filter((row) => (row as { action: string }).action === 'receipt.reprinted')).toEqual([
      {
        action: 'receipt.reprinted',
        actor: staff.cashier,
        approver: staff.manager,
        target: 'TILL-1-000042',
        details: JSON.stringify({ output: 'print', fileName: null }),
      },
    ]);
    // The approval was for one call.
    expect(await call('receipts.reprint', request)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets a manager reprint as often as needed, each copy a PDF of its own name and audited', async () => {
    await signIn('manager');
    for (let i = 0; i < 2; i++)
      expect(await call('receipts.reprint', { receiptNumber: 'TILL-1-000042', output: 'pdf' })).toMatchObject({
        ok: true,
        data: { outcome: 'saved' },
      });
    expect(printer.jobs.map((job) => job.fileName)).toEqual(['TILL-1-000042-reprint.pdf', 'TILL-1-000042-reprint.pdf']);
    expect(audit()).toHaveLength(2);
  });

  it('shows a receipt to read:reports only, as the next copy would print', async () => {
    await signIn('cashier');
    expect(await call('receipts.get', { receiptNumber: 'TILL-1-000042' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' });
    await signIn('manager');
    const got = await call<{ copy: string; barcode: string; rows: unknown[] }>('receipts.get', { receiptNumber: 'TILL-1-000042' });
    expect(got).toMatchObject({ ok: true, data: { copy: 'reprint', barcode: 'TILL-1-000042', kind: 'sale' } });
  });
});

describe('receipts.shiftReport', () => {
  it('prints a closed shift Z report for read:reports, audited as report.printed', async () => {
    await signIn('cashier');
    expect(await call('receipts.shiftReport', { shiftId: SHIFT_ID, output: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await signIn('manager');
    expect(await call('receipts.shiftReport', { shiftId: SHIFT_ID, output: 'pdf' })).toEqual({
      ok: true,
      data: { outcome: 'saved', fileName: `Z-report-${SHIFT_ID}.pdf` },
    });
    expect(printer.jobs[0]!.html).toContain('Z REPORT (SHIFT CLOSED)');
    expect(printer.jobs[0]!.html).toContain('Printed by');
    expect(audit()).toEqual([
      {
        action: 'report.printed',
        actor: staff.manager,
        approver: null,
        target: `shift:${SHIFT_ID}`,
        details: JSON.stringify({ kind: 'Z', output: 'pdf', copy: 'original' }),
      },
    ]);
    expect(await call('receipts.shiftReport', { shiftId: '01936b2a-7c4e-7a10-8f00-00000000bbbb', output: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  // Regression (issue 15, item 17): every copy of a Z report printed as if it were the first.
  it('marks every copy after the first as a reprint, on paper and in the audit trail', async () => {
    await signIn('manager');
    await call('receipts.shiftReport', { shiftId: SHIFT_ID, output: 'print' });
    expect(printer.jobs[0]!.html).not.toContain('REPRINT');
    await call('receipts.shiftReport', { shiftId: SHIFT_ID, output: 'print' });
    await call('receipts.shiftReport', { shiftId: SHIFT_ID, output: 'pdf' });
    expect(printer.jobs.slice(1).map((job) => job.html.includes('*** REPRINT ***'))).toEqual([true, true]);
    expect(
      audit()
        .map((row) => JSON.parse((row as { details: string }).details) as { copy: string })
        .map((d) => d.copy),
    ).toEqual(['original', 'reprint', 'reprint']);
  });
});

describe('wiring', () => {
  it('prints from the register itself when no source is given: a cash sale, then its refund, with the weighed line and the change', async () => {
    core = makeCore({ withSource: false });
    await signIn('manager');
    const ok = async <T>(channel: string, payload?: unknown): Promise<T> => {
      const result = await call<T>(channel, payload);
      if (!result.ok) expect.fail(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.data;
    };
    await ok('shifts.open', { floatMinor: 10_000 });
    await ok('sales.addByBarcode', { code: '4006381333931' });
    const { sale } = await ok<{ sale: SaleView }>('sales.addProduct', { productId: 'APPLES', quantity: 452 });
    const paid = await ok<{ sale: SaleView; receipt: ReceiptDocument | null }>('sales.tenderCash', {
      saleId: sale.saleId,
      paymentId: uuidv7(),
      givenMinor: 500,
    });
    const receiptNumber = paid.sale.receipt!.receiptNumber;
    // Completing a sale hands back its receipt as the first copy will print.
    expect(paid.receipt).toMatchObject({ kind: 'sale', copy: 'original', receiptNumber, barcode: receiptNumber });

    expect(await ok('receipts.output', { receiptNumber, output: 'pdf' })).toEqual({ outcome: 'saved', fileName: `${receiptNumber}.pdf` });
    const html = printer.jobs[0]!.html.replace(/[\u00a0\u202f]/g, ' ');
    expect(html).toContain('Whole milk 1 l');
    expect(html).toMatch(/0\.452 kg × .*2\.99\/kg/);
    expect(html).toContain('Change');
    expect(await call('receipts.output', { receiptNumber, output: 'pdf' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const milk = paid.sale.lines[0]!;
    const refund = await ok<{ receipt: { receiptNumber: string } }>('refunds.issue', {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: milk.lineId, quantity: 1 }],
      reason: 'Leaking carton',
    });
    expect(await ok('receipts.output', { receiptNumber: refund.receipt.receiptNumber, output: 'print' })).toMatchObject({
      outcome: 'printed',
    });
    expect(printer.jobs[1]!.html).toContain(`Original receipt</span><span class="r">${receiptNumber}`);
    expect(printer.jobs[1]!.html).toContain('Reason: Leaking carton');
  });

  it('answers unavailable when the host gave no printer', async () => {
    core = makeCore({ noDevices: true });
    await signIn('cashier');
    expect(await call('receipts.output', { receiptNumber: 'TILL-1-000042', output: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: 'No receipt printer is set up on this terminal.' },
    });
    expect(source.receipts.get('TILL-1-000042')!.printedAt).toBeNull();
  });

  it('kicks the drawer before auditing the opening, and audits nothing when the drawer fails', async () => {
    await signIn('manager');
    expect(await call('drawer.open', { reason: 'no_sale' })).toMatchObject({ ok: true });
    expect(drawer.kicks).toEqual([{ reason: 'no_sale', at: clock.now().toISOString() }]);
    expect(audit()).toEqual([
      { action: 'drawer.opened', actor: staff.manager, approver: null, target: null, details: JSON.stringify({ reason: 'no_sale' }) },
    ]);

    core = makeCore({ drawer: { open: () => Promise.reject(new Error('drawer port closed')) } });
    await signIn('manager');
    expect(await call('drawer.open', { reason: 'change' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(audit()).toHaveLength(1);
  });
});
