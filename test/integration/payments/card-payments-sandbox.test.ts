import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import type { TenderCardResult } from '../../../shared/ipc/areas/card-tender';
import type { IpcResult } from '../../../shared/ipc/errors';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';
import { trustedSender } from '../../support/test-contract';

// Card payments through the real core, the real API client and the real sandbox over HTTPS on
// loopback: online authorization, the payment policies with the sandbox offline or slow, and
// payments stored for forwarding that the API declines later.

let sb: TestSandbox;
let t: SyncTerminal;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterAll(() => sb.cleanup());
afterEach(async () => {
  await t?.close();
  await sb.admin('PUT', '/admin/faults', {});
});

interface SandboxPayment {
  id: string;
  client_id: string;
  offline: number;
  status: string;
  decline_code: string | null;
}
const sandboxPayments = (terminalId: string) =>
  sb.sandbox.services.db
    .prepare('SELECT id, client_id, offline, status, decline_code FROM payments WHERE terminal_id = ? ORDER BY received_at')
    .all(terminalId) as SandboxPayment[];

const call = <T>(channel: string, payload?: unknown) => t.core.registry.dispatch(channel, payload, trustedSender) as Promise<IpcResult<T>>;
async function ok<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await call<T>(channel, payload);
  if (!result.ok) expect.fail(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** An enrolled terminal, signed in, a shift open, synced once. */
async function enrolledTerminal(): Promise<string> {
  t = await syncTerminal(sb);
  const terminalId = await t.enroll();
  await t.drained();
  expect((await t.core.session.signIn(t.staffId, '482913')).outcome).toBe('signed_in');
  await ok('shifts.open', { floatMinor: 10_000 });
  return terminalId;
}

async function openSale(): Promise<SaleView> {
  const added = await ok<{ outcome: string; sale: SaleView }>('sales.addByBarcode', { code: '96385074' });
  return added.sale;
}

async function payByCard(
  card: string,
  policy?: string,
): Promise<{ sale: SaleView; result: IpcResult<TenderCardResult>; paymentId: string }> {
  const sale = await openSale();
  await ok('payments.selectTestCard', { cardId: card });
  const paymentId = uuidv7();
  const result = await call<TenderCardResult>('sales.tenderCard', { saleId: sale.saleId, paymentId, ...(policy ? { policy } : {}) });
  return { sale, result, paymentId };
}

const paymentItems = () =>
  t.storage.db.prepare("SELECT client_id, status FROM outbox WHERE kind = 'payment' ORDER BY seq").all() as {
    client_id: string;
    status: string;
  }[];
const offline = (on: boolean) => sb.admin('PUT', '/admin/faults', on ? { offline: true } : {});

describe('online authorization through the NoPOS API', () => {
  it('approves: captured at once, held by the API as an online payment, nothing queued', async () => {
    const terminalId = await enrolledTerminal();
    const { result, paymentId } = await payByCard('approve');
    expect(result).toMatchObject({ ok: true, data: { outcome: 'paid', status: 'captured', sale: { status: 'completed' } } });
    expect(sandboxPayments(terminalId)).toEqual([expect.objectContaining({ client_id: paymentId, offline: 0, status: 'approved' })]);
    expect(paymentItems()).toEqual([]);
  });

  it('declines, insufficient funds and processing errors: an outcome with its code, the sale left open, nothing queued', async () => {
    const terminalId = await enrolledTerminal();
    for (const [card, code] of [
      ['decline', 'card_declined'],
      ['insufficient_funds', 'insufficient_funds'],
      ['processing_error', 'processing_error'],
    ] as const) {
      const { result, sale, paymentId } = await payByCard(card);
      expect(result, card).toMatchObject({
        ok: true,
        data: { outcome: 'declined', code, sale: { saleId: sale.saleId, status: 'open', payments: [] } },
      });
      expect(
        sandboxPayments(terminalId).find((p) => p.client_id === paymentId),
        card,
      ).toMatchObject({ status: 'declined', decline_code: code });
      await ok('sales.clear');
    }
    expect(paymentItems()).toEqual([]);
  });

  it('require_online is refused while the API cannot be reached; nothing is stored', async () => {
    await enrolledTerminal();
    await offline(true);
    const { result, sale } = await payByCard('approve', 'require_online');
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(t.core.register.cart.current()).toMatchObject({ saleId: sale.saleId, payments: [] });
    expect(paymentItems()).toEqual([]);
  });

  it('prefer_online falls back to store-and-forward while the sandbox is offline, then the payment reaches it once', async () => {
    const terminalId = await enrolledTerminal();
    await offline(true);
    const { result, paymentId } = await payByCard('approve');
    expect(result).toMatchObject({ ok: true, data: { outcome: 'paid', status: 'approved_offline' } });
    expect(paymentItems()).toEqual([{ client_id: paymentId, status: expect.stringMatching(/queued|sending/) }]);
    expect(await ok('payments.offlineStatus')).toMatchObject({ count: 1 });
    expect(sandboxPayments(terminalId)).toEqual([]);

    await offline(false);
    await t.sync.engine.syncNow();
    await t.drained();
    expect(sandboxPayments(terminalId)).toEqual([expect.objectContaining({ client_id: paymentId, offline: 1, status: 'approved' })]);
    expect(paymentItems()).toEqual([{ client_id: paymentId, status: 'sent' }]);
    expect(await ok('payments.offlineStatus')).toMatchObject({ count: 0 });
  });

  it('an authorization that times out is offline; forwarding it later finds the payment the API already holds, once', async () => {
    const terminalId = await enrolledTerminal();
    // Longer than the test transport's 3 s response deadline: the API handles it, the terminal never hears.
    await sb.admin('PUT', '/admin/faults', { latencyMs: [3_500, 3_500] });
    const { result, paymentId } = await payByCard('approve');
    expect(result).toMatchObject({ ok: true, data: { outcome: 'paid', status: 'approved_offline' } });
    await sb.admin('PUT', '/admin/faults', {});
    await t.sync.engine.syncNow();
    await t.drained();
    expect(sandboxPayments(terminalId)).toEqual([expect.objectContaining({ client_id: paymentId, status: 'approved' })]);
    expect(paymentItems()).toEqual([{ client_id: paymentId, status: 'sent' }]);
    expect(t.storage.needsAttention.list({ includeResolved: true })).toEqual([]);
  }, 30_000);

  it('force_offline stores the payment without asking the API, and sync forwards it', async () => {
    const terminalId = await enrolledTerminal();
    t.sync.engine.close(); // nothing is delivered meanwhile, so the API cannot have heard of it yet
    const { result, paymentId } = await payByCard('approve', 'force_offline');
    expect(result).toMatchObject({ ok: true, data: { outcome: 'paid', status: 'approved_offline' } });
    expect(sandboxPayments(terminalId)).toEqual([]);
    expect(paymentItems()).toEqual([{ client_id: paymentId, status: 'queued' }]);
  });
});

describe('a payment stored for forwarding and declined by the API', () => {
  const manager = async () => {
    const declined = await ok<{ entryId: number; paymentId: string; reason: string; payment: unknown }[]>('payments.declined', {});
    return declined;
  };

  it('declined at delivery (402): delivered once, ONE needs-attention entry with the payment, resolved by a manager', async () => {
    const terminalId = await enrolledTerminal();
    await offline(true);
    const { result, sale, paymentId } = await payByCard('decline');
    expect(result).toMatchObject({ ok: true, data: { outcome: 'paid', status: 'approved_offline' } });
    await offline(false);
    await t.sync.engine.syncNow();
    await t.drained();
    await t.sync.engine.syncNow();

    expect(sandboxPayments(terminalId)).toEqual([
      expect.objectContaining({ client_id: paymentId, status: 'declined', decline_code: 'card_declined' }),
    ]);
    expect(paymentItems()).toEqual([{ client_id: paymentId, status: 'sent' }]);
    const entries = t.storage.needsAttention.list({ includeResolved: true });
    expect(entries).toEqual([
      expect.objectContaining({
        clientId: paymentId,
        kind: 'declined_after_forward',
        itemKind: 'payment',
        reason: expect.stringContaining('8.99 EUR (visa ending 0002, receipt'),
      }),
    ]);

    const [entry] = await manager();
    expect(entry).toMatchObject({
      paymentId,
      payment: { saleId: sale.saleId, amountMinor: 899, currency: 'EUR', brand: 'visa', last4: '0002' },
    });
    // The sale's record says the card was declined; the X report does not count it as taken, and a
    // refund cannot pay back to (or in place of) a card that never paid.
    const receiptNumber = (
      t.storage.db.prepare('SELECT receipt_number FROM documents WHERE ref_id = ?').get(sale.saleId) as { receipt_number: string }
    ).receipt_number;
    const looked = await ok<{ sale: SaleView }>('refunds.lookup', { receiptNumber });
    expect(looked.sale.payments.map((p) => [p.method, p.status])).toEqual([['card', 'declined']]);
    expect((await ok<{ tenders: unknown[] }>('shifts.xReport')).tenders).toEqual([]);
    const refund = {
      refundId: uuidv7(),
      originalSaleId: sale.saleId,
      lines: [{ lineId: looked.sale.lines[0]!.lineId, quantity: 1 }],
      reason: 'returned',
    };
    expect(await call('refunds.issue', refund)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('declined') },
    });
    // Not with a bare note through sync: how the money was settled must be recorded.
    expect(await call('sync.resolve', { id: entry!.entryId, resolution: 'sorted it' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      await ok('payments.resolveDeclined', {
        entryId: entry!.entryId,
        resolution: { kind: 'other_tender', method: 'cash', amountMinor: 899 },
      }),
    ).toMatchObject({ resolution: 'Paid by cash 8.99 EUR' });
    expect(await manager()).toEqual([]);
    expect(t.storage.needsAttention.openCount()).toBe(0);
    // The cash taken is the shift's (issue 15 item 17): in its takings and drawer, and it reaches the API.
    expect(await ok('shifts.xReport')).toMatchObject({
      tenders: [{ method: 'cash', count: 1, amountMinor: 899 }],
      settlements: { count: 1, amountMinor: 899 },
      cash: { settlementsMinor: 899 },
    });
    await t.sync.engine.syncNow();
    await t.drained();
    const settled = sb.sandbox.services.db
      .prepare("SELECT total_minor, body FROM transactions WHERE terminal_id = ? AND type = 'settlement'")
      .all(terminalId) as { total_minor: number; body: string }[];
    expect(settled).toHaveLength(1);
    expect(settled[0]!.total_minor).toBe(899);
    expect(JSON.parse(settled[0]!.body)).toMatchObject({ declinedPaymentId: paymentId, saleId: sale.saleId, method: 'cash' });
  });

  it('declined after forwarding (the event, from the test card and from the back office): ONE entry each, with the payment', async () => {
    const terminalId = await enrolledTerminal();
    await offline(true);
    const first = await payByCard('decline_after_forward');
    const second = await payByCard('approve');
    await offline(false);
    await t.sync.engine.syncNow();
    await t.drained();

    // The back office declines the second, already forwarded and approved.
    const held = sandboxPayments(terminalId).find((p) => p.client_id === second.paymentId);
    expect(held).toMatchObject({ status: 'approved', offline: 1 });
    expect((await sb.admin('POST', `/admin/payments/${held!.id}/decline`, { declineCode: 'insufficient_funds' })).status).toBe(200);
    await t.sync.engine.syncNow();
    // Read again from the start: the events are seen once, the entries are not doubled.
    t.storage.db.prepare("DELETE FROM sync_state WHERE key = 'events.cursor'").run();
    await t.sync.engine.syncNow();

    const entries = t.storage.needsAttention.list({ includeResolved: true });
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          clientId: first.paymentId,
          kind: 'declined_after_forward',
          reason: expect.stringContaining('amex ending 0005'),
        }),
        expect.objectContaining({
          clientId: second.paymentId,
          kind: 'declined_after_forward',
          reason: expect.stringMatching(/visa ending 4242.*insufficient_funds/),
        }),
      ]),
    );
    const audited = t.storage.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'payment.declined_after_forward'").get() as {
      n: number;
    };
    expect(audited.n).toBe(2);
    const listed = await manager();
    expect(listed.map((e) => e.paymentId).sort()).toEqual([first.paymentId, second.paymentId].sort());
    for (const e of listed)
      await ok('payments.resolveDeclined', { entryId: e.entryId, resolution: { kind: 'written_off', reason: 'customer unreachable' } });
    expect(t.storage.needsAttention.openCount()).toBe(0);
  });
});
