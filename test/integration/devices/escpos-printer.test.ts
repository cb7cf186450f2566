import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../shared/domain/devices';
import type { ReceiptDocument, ReceiptPaper } from '../../../shared/domain/receipt';
import type { SaleView } from '../../../shared/domain/sale';
import { FakeEscPosPrinter } from '../../support/fake-escpos-printer';
import { printedText } from '../../support/escpos-decoder';
import { ok, payCash, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// The real core over real encrypted storage, printing over real TCP to a fake ESC/POS printer.

let printer: FakeEscPosPrinter;
let t: TerminalFixture;
let stopTimers: () => void;
const TIMEOUTS = { connectMs: 500, writeMs: 1_000, statusMs: 150 };

const actions = (action: string) =>
  (t.storage.db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;
const saleCount = () => (t.storage.db.prepare("SELECT count(*) AS n FROM sales WHERE status = 'completed'").get() as { n: number }).n;
const words = (doc: ReceiptDocument) =>
  [
    ...doc.rows.map((row) => (row.kind === 'rule' ? '' : row.kind === 'text' ? row.text : `${row.left} ${row.right} ${row.detail ?? ''}`)),
    doc.barcode ?? '',
  ]
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
const paperWords = (lines: string[]) =>
  lines
    .filter((l) => !/^-+$/.test(l))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

async function paperOf(receiptNumber: string, at: TerminalFixture = t): Promise<ReceiptPaper> {
  return ok<ReceiptPaper>(at, 'receipts.paper', { receiptNumber });
}

/** Until the receipt printed by itself has printed or failed (watched in storage: the channel is rate limited). */
async function paperSettled(receiptNumber: string, at: TerminalFixture = t): Promise<ReceiptPaper> {
  const state = () =>
    (at.storage.db.prepare('SELECT state FROM receipt_prints WHERE receipt_number = ?').get(receiptNumber) as { state: string } | undefined)
      ?.state;
  await waitFor(() => state() === 'printed' || state() === 'failed');
  return paperOf(receiptNumber, at);
}

async function sellForCash(): Promise<{ sale: SaleView; receipt: ReceiptDocument }> {
  const sale = await startSale(t);
  const paid = (await payCash(t, sale, sale.cashDueMinor + 500)) as unknown as { sale: SaleView; receipt: ReceiptDocument | null };
  expect(paid.sale.status).toBe('completed');
  if (!paid.receipt) throw new Error('a completed sale has a receipt');
  return { sale: paid.sale, receipt: paid.receipt };
}

beforeAll(async () => {
  printer = await FakeEscPosPrinter.start();
});
afterAll(() => printer.close());

beforeEach(async () => {
  printer.reset();
  t = await terminalFixture({ printerTimeouts: TIMEOUTS });
  t.storage.settings.update(
    {
      devices: {
        printer: { connection: 'tcp', host: '127.0.0.1', port: printer.port, paper: '80mm_42' },
        drawer: { connection: 'printer' },
      },
    },
    null,
  );
  const admin = await t.addStaff('Ada', 'admin', '482913');
  expect((await t.core.session.signIn(admin, '482913')).outcome).toBe('signed_in');
  stopTimers = t.core.startTimers();
});
afterEach(async () => {
  stopTimers();
  await t.core.devices.idle();
  t.close();
});

describe('ESC/POS printing over TCP', () => {
  it('prints the receipt of a cash sale by itself as its document says, once, after the drawer kick', async () => {
    const { receipt } = await sellForCash();
    expect(await paperSettled(receipt.receiptNumber)).toEqual({ receiptNumber: receipt.receiptNumber, state: 'printed', message: null });

    const jobs = printer.jobs();
    expect(jobs.flatMap((j) => j.pulses)).toEqual([{ pin: 2, onMs: 100, offMs: 500 }]);
    // The change comes out first, then the receipt.
    expect(jobs.findIndex((j) => j.pulses.length > 0)).toBeLessThan(jobs.findIndex((j) => j.cuts > 0));
    const papers = jobs.filter((j) => j.cuts > 0);
    expect(papers).toHaveLength(1);
    const paper = papers[0]!;
    expect(paperWords(printedText(paper))).toBe(words(receipt));
    expect(paper.barcodes).toEqual([{ symbology: 'code128', data: receipt.receiptNumber }]);
    expect(paper.cuts).toBe(1);
    expect(Math.max(...paper.lines.map((l) => l.text.length))).toBeLessThanOrEqual(42);
    expect(actions('drawer.opened')).toBe(1);
    expect(actions('receipt.printed')).toBe(1);
    // The first copy was made: another is a reprint, marked so on the paper.
    expect(await t.call('receipts.output', { receiptNumber: receipt.receiptNumber, output: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await ok(t, 'receipts.reprint', { receiptNumber: receipt.receiptNumber, output: 'print' });
    expect(printedText(printer.jobs().at(-1)!).some((l) => l.includes('REPRINT'))).toBe(true);
  });

  it('prints nothing by itself when the terminal asks the cashier, or makes no paper', async () => {
    t.storage.settings.update({ devices: { printer: { receipts: 'ask' } } }, null);
    const asked = (await sellForCash()).receipt;
    await t.core.devices.idle();
    expect(await paperOf(asked.receiptNumber)).toEqual({ receiptNumber: asked.receiptNumber, state: 'ask', message: null });
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(0);
    await ok(t, 'receipts.output', { receiptNumber: asked.receiptNumber, output: 'print' });
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(1);

    t.storage.settings.update({ devices: { printer: { receipts: 'never' } } }, null);
    const none = (await sellForCash()).receipt;
    await t.core.devices.idle();
    expect((await paperOf(none.receiptNumber)).state).toBe('never');
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(1);
  });

  it('knows before the tender that the paper is out; the sale completes, the drawer still opens once, the receipt waits', async () => {
    printer.state = 'paper_out';
    const status = await ok<DeviceStatus>(t, 'devices.status', { refresh: true });
    expect(status.printer).toMatchObject({ state: 'paper_out', message: expect.stringMatching(/out of paper/) });
    const { receipt } = await sellForCash();
    expect(saleCount()).toBe(1);
    const failed = await paperSettled(receipt.receiptNumber);
    expect(failed).toMatchObject({ state: 'failed', message: expect.stringMatching(/did not print.*out of paper.*Nothing is lost/s) });
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(0);
    // The real-time pulse opens the drawer of a stopped printer: once.
    expect(printer.jobs().flatMap((j) => j.pulses)).toHaveLength(1);
    expect((await ok<DeviceStatus>(t, 'devices.status', {})).recent[0]).toMatchObject({
      device: 'printer',
      outcome: 'failed',
      target: receipt.receiptNumber,
    });
    // Paper loaded: the original prints now, once.
    printer.state = 'online';
    await ok(t, 'receipts.output', { receiptNumber: receipt.receiptNumber, output: 'print' });
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(1);
  });

  it('says a receipt may be incomplete when the cover opens mid-receipt, and keeps the original printable', async () => {
    printer.faults = { stateAfterBytes: { bytes: 200, state: 'cover_open' } };
    const { receipt } = await sellForCash();
    expect(await paperSettled(receipt.receiptNumber)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/may be incomplete.*cover is open/s),
    });
    expect(saleCount()).toBe(1);
    printer.faults = {};
    printer.state = 'online';
    await ok(t, 'receipts.output', { receiptNumber: receipt.receiptNumber, output: 'print' });
  });

  it('survives a printer unplugged mid-receipt: the sale stands and the cashier is told', async () => {
    printer.faults = { closeAfterBytes: 100 };
    const { receipt } = await sellForCash();
    expect(await paperSettled(receipt.receiptNumber)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/may be incomplete/),
    });
    expect(saleCount()).toBe(1);
    expect(actions('drawer.opened')).toBe(1);
  });

  it('a printer that never answers: the sale completes without waiting for it, its state is unknown, never ok', async () => {
    printer.faults = { hang: true };
    printer.state = 'silent';
    const sale = await startSale(t);
    const paid = await payCash(t, sale);
    expect(paid.sale.status).toBe('completed');
    // The kick is still on its way (bounded by its own timeouts) when the sale has already answered.
    expect(printer.jobs().flatMap((j) => j.pulses)).toHaveLength(0);
    expect((await paperOf(paid.sale.receipt!.receiptNumber)).state).toMatch(/queued|printing/);
    const status = await ok<DeviceStatus>(t, 'devices.status', { refresh: true });
    expect(status.printer.state).toBe('unknown');
    await ok(t, 'sales.addByBarcode', { code: '4006381333931' });
  });

  it('a printer that is off: the no-sale drawer says it did not open and is not recorded as opened', async () => {
    t.storage.settings.update({ devices: { printer: { port: await freePort() } } }, null);
    const result = await t.call('drawer.open', { reason: 'no_sale' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/drawer did not open.*cannot be reached/s) },
    });
    expect(actions('drawer.opened')).toBe(0);
    expect(actions('drawer.failed')).toBe(1);
  });

  it('never prints a job twice after a restart: one cut off mid-way counts as made and is reported', async () => {
    t.storage.settings.update({ devices: { printer: { receipts: 'ask' } } }, null);
    const { receipt } = await sellForCash();
    t.storage.db
      .prepare("INSERT INTO print_jobs (target, purpose, state, created_at) VALUES (?, 'original', 'sending', ?)")
      .run(receipt.receiptNumber, t.clock.now().toISOString());
    stopTimers();
    const after = t.restart();
    const admin = t.core.staff.repository.list({ includeInactive: false }).find((s) => s.role === 'admin');
    expect((await after.core.session.signIn(admin!.id, '482913')).outcome).toBe('signed_in');
    stopTimers = after.core.startTimers();
    const status = await after.call<DeviceStatus>('devices.status', {});
    await after.core.devices.idle();
    expect(status.ok && status.data.recent.find((e) => e.outcome === 'interrupted')).toMatchObject({
      outcome: 'interrupted',
      target: receipt.receiptNumber,
    });
    expect(await after.call('receipts.output', { receiptNumber: receipt.receiptNumber, output: 'print' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(t.storage.db.prepare("SELECT count(*) AS n FROM print_jobs WHERE state = 'sending'").get()).toEqual({ n: 0 });
  });
});

describe('receipts printed by themselves, across a restart', () => {
  async function restarted(): Promise<TerminalFixture> {
    stopTimers();
    const after = t.restart();
    const admin = t.core.staff.repository.list({ includeInactive: false }).find((s) => s.role === 'admin');
    expect((await after.core.session.signIn(admin!.id, '482913')).outcome).toBe('signed_in');
    stopTimers = after.core.startTimers();
    return after;
  }
  /** Sales whose receipts were queued, as if the terminal had stopped before a byte of them went out. */
  async function stoppedBeforePrinting(sales = 1): Promise<string[]> {
    const port = printer.port;
    t.storage.settings.update({ devices: { printer: { port: await freePort() } } }, null);
    const receipts: string[] = [];
    for (let i = 0; i < sales; i++) {
      const { receipt } = await sellForCash();
      expect((await paperSettled(receipt.receiptNumber)).state).toBe('failed');
      receipts.push(receipt.receiptNumber);
    }
    for (const receiptNumber of receipts)
      t.storage.db.prepare("UPDATE receipt_prints SET state = 'queued', detail = NULL WHERE receipt_number = ?").run(receiptNumber);
    t.storage.settings.update({ devices: { printer: { port } } }, null);
    printer.reset();
    return receipts;
  }

  it('prints a receipt still due at start-up once, if its sale is recent', async () => {
    const [receiptNumber] = await stoppedBeforePrinting();
    const after = await restarted();
    expect(await paperSettled(receiptNumber!, after)).toMatchObject({ state: 'printed' });
    await after.core.devices.idle();
    const again = await restarted();
    await again.core.devices.idle();
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(1);
    expect(printer.jobs().flatMap((j) => j.barcodes)).toEqual([{ symbology: 'code128', data: receiptNumber }]);
  });

  it('does not print one a crash cut off mid-way, nor one whose sale is long gone', async () => {
    const [cutOff, old] = await stoppedBeforePrinting(2);
    t.storage.db
      .prepare("INSERT INTO print_jobs (target, purpose, state, created_at) VALUES (?, 'original', 'sending', ?)")
      .run(cutOff, t.clock.now().toISOString());
    t.clock.advance(3 * 60);
    const after = await restarted();
    expect(await paperSettled(cutOff!, after)).toMatchObject({ state: 'printed' });
    expect(await paperSettled(old!, after)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/not printed before the terminal stopped/),
    });
    await after.core.devices.idle();
    expect(printer.jobs().filter((j) => j.cuts > 0)).toHaveLength(0);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out waiting');
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address ? address.port : 1;
}
