import { tokenFingerprint } from '../../../electron/main/payments/card-tender';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paymentRequestSchema, TEST_PAYMENT_TOKENS, type PaymentRequest } from '../../../shared/api/payments';
import type { OfflinePaymentsStatus } from '../../../shared/domain/card-payment';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import type { TenderCardResult } from '../../../shared/ipc/areas/card-tender';
import { selectCardReader, type SelectedCardReader } from '../../../electron/main/devices/card-reader-selection';
import type { AuthorizeOutcome, PaymentGateway } from '../../../electron/main/payments/payment-gateway';
import { ok, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

const WINE = '96385074'; // 8.99

/** Stands in for the NoPOS API: answers by the sandbox's token rules, or `offline` when unplugged. */
class FakeGateway implements PaymentGateway {
  online = true;
  readonly seen: PaymentRequest[] = [];
  authorize(request: PaymentRequest): Promise<AuthorizeOutcome> {
    this.seen.push(request);
    if (!this.online) return Promise.resolve({ outcome: 'offline', mayHaveReached: false });
    if (request.paymentToken === TEST_PAYMENT_TOKENS.decline) return Promise.resolve({ outcome: 'declined', code: 'card_declined' });
    if (request.paymentToken === TEST_PAYMENT_TOKENS.insufficientFunds)
      return Promise.resolve({ outcome: 'declined', code: 'insufficient_funds' });
    return Promise.resolve({ outcome: 'approved' });
  }
  lookup = () => Promise.resolve({ outcome: 'unreachable' as const });
  reverse = () => Promise.resolve({ outcome: 'unreachable' as const });
}

let t: TerminalFixture;
let gateway: FakeGateway;
let device: SelectedCardReader;
let cashier: string;
let manager: string;
const policy = { policies: { offlinePayments: { maxPerTransactionMinor: 2_000, maxTotalMinor: 3_000, maxCount: 3, maxAgeHours: 48 } } };

const count = (sql: string) => (t.storage.db.prepare(sql).get() as { n: number }).n;
const paymentItems = () =>
  (
    t.storage.db.prepare("SELECT client_id, payload_json FROM outbox WHERE kind = 'payment' ORDER BY seq").all() as {
      client_id: string;
      payload_json: string;
    }[]
  ).map((r) => ({
    clientId: r.client_id,
    payload: JSON.parse(r.payload_json) as unknown,
  }));
const card = (sale: SaleView, extra: object = {}) =>
  t.call<TenderCardResult>('sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7(), ...extra });
const pick = (cardId: string) => ok(t, 'payments.selectTestCard', { cardId });
const audited = (action: string) =>
  t.storage.db.prepare('SELECT actor_id, approver_id FROM audit_log WHERE action = ? ORDER BY seq').all(action);

beforeEach(async () => {
  gateway = new FakeGateway();
  device = selectCardReader('linux');
  t = await terminalFixture({ cardReader: device, paymentGateway: gateway, policy });
  cashier = await t.addStaff('Cass', 'cashier', '482913');
  manager = await t.addStaff('Manny', 'manager', '205837');
  expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
});
afterEach(() => t.close());

/** A sale of `bottles` bottles of wine (8.99 each). */
async function wineSale(bottles = 1): Promise<SaleView> {
  let sale = await startSale(t, WINE);
  for (let i = 1; i < bottles; i++) sale = (await ok<{ sale: SaleView }>(t, 'sales.addByBarcode', { code: WINE })).sale;
  return sale;
}

describe('card tender online', () => {
  it('combines with cash in a split tender and completes the sale once paid', async () => {
    const sale = await wineSale(2); // 17.98
    const part = await ok<TenderCardResult>(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7(), amountMinor: 1_000 });
    expect(part).toMatchObject({
      outcome: 'paid',
      status: 'captured',
      receipt: null,
      sale: { status: 'open', paidMinor: 1_000, remainingMinor: 798 },
    });
    const rest = await ok<{ sale: SaleView }>(t, 'sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: 1_000 });
    expect(rest.sale).toMatchObject({ status: 'completed', remainingMinor: 0 });
    expect(rest.sale.payments.map((p) => [p.method, p.amountMinor, p.status, p.card])).toEqual([
      [
        'card',
        1_000,
        'captured',
        { paymentTokenRef: tokenFingerprint(TEST_PAYMENT_TOKENS.approve), brand: 'visa', last4: '4242', entryMode: 'contactless' },
      ],
      ['cash', 798, 'captured', null],
    ]);
    expect(gateway.seen).toEqual([
      expect.objectContaining({ transactionClientId: sale.saleId, amountMinor: 1_000, currency: 'EUR', offline: false }),
    ]);
    // The token that charges the card went to the API only: never into the sale, the page or the sale's outbox body.
    expect(JSON.stringify(rest.sale)).not.toContain(TEST_PAYMENT_TOKENS.approve);
    expect(JSON.stringify(t.storage.db.prepare("SELECT payload_json FROM outbox WHERE kind = 'sale'").all())).not.toContain(
      TEST_PAYMENT_TOKENS.approve,
    );
    // Authorized online: the API already has it, so nothing waits in the outbox but the sale.
    expect(paymentItems()).toEqual([]);
    expect(count("SELECT count(*) AS n FROM outbox WHERE kind = 'sale'")).toBe(1);
  });

  it('completes a sale paid by card alone, with a receipt, and answers a retry as the first time', async () => {
    const sale = await wineSale();
    const request = { saleId: sale.saleId, paymentId: uuidv7() };
    const paid = await ok<TenderCardResult>(t, 'sales.tenderCard', request);
    expect(paid).toMatchObject({ outcome: 'paid', sale: { status: 'completed' }, receipt: { receiptNumber: expect.any(String) } });
    expect(await ok(t, 'sales.tenderCard', request)).toMatchObject({ outcome: 'paid', sale: { status: 'completed' } });
    expect(gateway.seen).toHaveLength(1);
  });

  it('leaves the sale open and unchanged on a decline, and takes another card after', async () => {
    const sale = await wineSale();
    await pick('decline');
    const declined = await ok<TenderCardResult>(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
    expect(declined).toMatchObject({
      outcome: 'declined',
      code: 'card_declined',
      sale: { status: 'open', payments: [], remainingMinor: 899 },
    });
    expect(count('SELECT count(*) AS n FROM payments')).toBe(0);
    expect(audited('payment.declined')).toEqual([{ actor_id: cashier, approver_id: null }]);
    // The cart is still editable: no tender was taken.
    expect((await t.call('sales.setQuantity', { lineId: sale.lines[0]?.lineId, quantity: 2 })).ok).toBe(true);
    await pick('approve');
    expect(await ok(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() })).toMatchObject({
      outcome: 'paid',
      sale: { status: 'completed' },
    });
  });

  it('leaves the sale open when the customer cancels at the reader, without asking the API', async () => {
    const sale = await wineSale();
    await pick('cancel');
    expect(await ok(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() })).toMatchObject({
      outcome: 'cancelled',
      sale: { status: 'open', payments: [] },
    });
    expect(gateway.seen).toEqual([]);
  });

  it('refuses more than is owed, and a sale that is not the open one, before any card is read', async () => {
    const sale = await wineSale();
    expect(await card(sale, { amountMinor: 900 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await card({ ...sale, saleId: uuidv7() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(gateway.seen).toEqual([]);
  });
});

describe('card tender offline (store and forward)', () => {
  it('queues the payment for the API in the same transaction, as a request the API accepts', async () => {
    gateway.online = false;
    const sale = await wineSale();
    const paid = await ok<TenderCardResult>(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
    expect(paid).toMatchObject({ outcome: 'paid', status: 'approved_offline', sale: { status: 'completed' } });
    const payment = paid.outcome === 'paid' ? paid.sale.payments[0] : undefined;
    const items = paymentItems();
    expect(items).toHaveLength(1);
    expect(items[0]?.clientId).toBe(payment?.paymentId);
    const request = paymentRequestSchema.parse(items[0]?.payload);
    expect(request).toMatchObject({
      clientId: payment?.paymentId,
      transactionClientId: sale.saleId,
      amountMinor: 899,
      currency: 'EUR',
      offline: true,
      paymentToken: TEST_PAYMENT_TOKENS.approve,
    });
    // In order: the shift's open, the payment, then the sale it pays for.
    expect((t.storage.db.prepare('SELECT kind FROM outbox ORDER BY seq').all() as { kind: string }[]).map((r) => r.kind)).toEqual([
      'shift_open',
      'payment',
      'sale',
    ]);
    expect(audited('payment.approved_offline')).toEqual([{ actor_id: cashier, approver_id: null }]);
  });

  it('rolls the outbox item back with the payment when recording fails', async () => {
    gateway.online = false;
    const sale = await wineSale();
    const lineId = sale.lines[0]?.lineId as string;
    const slow = device.reader.read.bind(device.reader);
    device.reader.read = async (request) => {
      // The cart changes while the card is read: the checkout refuses to record the payment.
      t.storage.db.prepare('UPDATE sale_lines SET quantity = 2 WHERE id = ?').run(lineId);
      return slow(request);
    };
    expect(await card(sale)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(paymentItems()).toEqual([]);
    expect(count('SELECT count(*) AS n FROM payments')).toBe(0);
  });

  it('never stores a payment offline under require_online, and never asks the API under force_offline', async () => {
    gateway.online = false;
    const sale = await wineSale();
    expect(await card(sale, { policy: 'require_online' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(count('SELECT count(*) AS n FROM payments') + paymentItems().length).toBe(0);

    gateway.online = true;
    gateway.seen.length = 0;
    // Skipping online authorization by choice is a manager's call, for that exact request.
    const forced = { saleId: sale.saleId, paymentId: uuidv7(), policy: 'force_offline' };
    expect(await t.call('sales.tenderCard', forced)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(count('SELECT count(*) AS n FROM payments') + paymentItems().length).toBe(0);
    await ok(t, 'approvals.grant', { approverId: manager, pin: '205837', channel: 'sales.tenderCard', request: forced });
    expect(await ok(t, 'sales.tenderCard', forced)).toMatchObject({ outcome: 'paid', status: 'approved_offline' });
    expect(gateway.seen).toEqual([]);
    expect(paymentItems()).toHaveLength(1);
  });

  it('asks a manager above the per-payment cap, for that exact request, and records who approved', async () => {
    gateway.online = false;
    const sale = await wineSale(3); // 26.97, over the 20.00 cap
    const request = { saleId: sale.saleId, paymentId: uuidv7() };
    expect(await t.call('sales.tenderCard', request)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(count('SELECT count(*) AS n FROM payments') + paymentItems().length).toBe(0);
    await ok(t, 'approvals.grant', { approverId: manager, pin: '205837', channel: 'sales.tenderCard', request });
    expect(await ok(t, 'sales.tenderCard', request)).toMatchObject({ outcome: 'paid', status: 'approved_offline' });
    expect(audited('payment.approved_offline')).toEqual([{ actor_id: cashier, approver_id: manager }]);
    const details = t.storage.db.prepare("SELECT details_json FROM audit_log WHERE action = 'payment.approved_offline'").get() as {
      details_json: string;
    };
    expect(JSON.parse(details.details_json)).toMatchObject({ overCaps: 'per_payment' });
  });

  it('asks a manager over the total stored and over the count, but not within them', async () => {
    gateway.online = false;
    // Three of 8.99 are within every cap (26.97 of 30.00, 3 of 3); a fourth passes the count and the total.
    for (let i = 0; i < 3; i++) {
      const sale = await wineSale();
      expect(await ok(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() })).toMatchObject({ status: 'approved_offline' });
    }
    const status = await ok<OfflinePaymentsStatus>(t, 'payments.offlineStatus');
    expect(status).toMatchObject({
      count: 3,
      maxCount: 3,
      totals: [{ currency: 'EUR', totalMinor: 2_697, maxTotalMinor: 3_000 }],
      ageState: 'ok',
    });
    const fourth = await wineSale();
    expect(await card(fourth)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Online again: no cap applies to an authorized payment.
    gateway.online = true;
    expect(await ok(t, 'sales.tenderCard', { saleId: fourth.saleId, paymentId: uuidv7() })).toMatchObject({ status: 'captured' });
  });

  it('asks a manager when the total stored per currency would pass its cap', async () => {
    gateway.online = false;
    const first = await wineSale(2); // 17.98
    expect(await ok(t, 'sales.tenderCard', { saleId: first.saleId, paymentId: uuidv7() })).toMatchObject({ status: 'approved_offline' });
    const second = await wineSale(2); // 17.98 more: 35.96 > 30.00, though each is under the 20.00 cap
    const request = { saleId: second.saleId, paymentId: uuidv7() };
    expect(await t.call('sales.tenderCard', request)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(t, 'approvals.grant', { approverId: manager, pin: '205837', channel: 'sales.tenderCard', request });
    expect(await ok(t, 'sales.tenderCard', request)).toMatchObject({ status: 'approved_offline' });
  });

  it('lets a manager at the till pass a cap on their own authority', async () => {
    gateway.online = false;
    t.core.session.signOut();
    expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
    const sale = await wineSale(3);
    expect(await ok(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() })).toMatchObject({ status: 'approved_offline' });
    expect(audited('payment.approved_offline')).toEqual([{ actor_id: manager, approver_id: null }]);
  });

  it('warns from 24 h and refuses new offline card payments at the age limit while cash still works', async () => {
    gateway.online = false;
    const first = await wineSale();
    await ok(t, 'sales.tenderCard', { saleId: first.saleId, paymentId: uuidv7() });

    const later = async (hours: number) => {
      t.clock.advance(hours * 3_600);
      // The session auto-locked meanwhile.
      expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
    };
    await later(25);
    const warned = await wineSale();
    expect(await ok(t, 'sales.tenderCard', { saleId: warned.saleId, paymentId: uuidv7() })).toMatchObject({
      status: 'approved_offline',
      warning: expect.stringContaining('24 h'),
    });
    expect(await ok(t, 'payments.offlineStatus')).toMatchObject({
      ageState: 'warn',
      oldestAt: '2026-11-29T09:00:00.000Z',
      limitAt: '2026-12-01T09:00:00.000Z',
    });

    await later(23);
    const refused = await wineSale();
    const before = paymentItems().length;
    expect(await card(refused)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('48 h') } });
    expect(await ok(t, 'payments.offlineStatus')).toMatchObject({ ageState: 'limit' });
    expect(audited('payment.offline_refused')).toHaveLength(1);
    // Not even a manager's approval passes the age limit.
    const request = { saleId: refused.saleId, paymentId: uuidv7() };
    await ok(t, 'approvals.grant', { approverId: manager, pin: '205837', channel: 'sales.tenderCard', request });
    expect(await t.call('sales.tenderCard', request)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(paymentItems()).toHaveLength(before);
    // Online card payments and cash still work.
    gateway.online = true;
    const part = await ok<TenderCardResult>(t, 'sales.tenderCard', { saleId: refused.saleId, paymentId: uuidv7(), amountMinor: 400 });
    expect(part).toMatchObject({ status: 'captured' });
    gateway.online = false;
    expect(await ok(t, 'sales.tenderCash', { saleId: refused.saleId, paymentId: uuidv7(), givenMinor: 1_000 })).toMatchObject({
      sale: { status: 'completed' },
      changeMinor: 501,
    });
  });

  it('stops counting a payment once the API accepted it', async () => {
    gateway.online = false;
    const sale = await wineSale();
    await ok(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
    t.storage.db.prepare("UPDATE outbox SET status = 'sent' WHERE kind = 'payment'").run();
    expect(await ok(t, 'payments.offlineStatus')).toMatchObject({
      count: 0,
      oldestAt: null,
      ageState: 'ok',
      totals: [{ currency: 'EUR', totalMinor: 0 }],
    });
  });
});

describe('the reader controls', () => {
  it('offers test cards only for the simulated reader', async () => {
    expect(await ok(t, 'payments.reader')).toMatchObject({
      kind: 'simulated',
      selectedTestCard: 'approve',
      testCards: expect.arrayContaining([expect.objectContaining({ id: 'decline' })]),
    });
    expect(await ok(t, 'payments.selectTestCard', { cardId: 'decline' })).toMatchObject({ selectedTestCard: 'decline' });
    const hardware = await terminalFixture({
      cardReader: {
        reader: { kind: 'hardware', name: 'Till reader', read: () => Promise.resolve({ outcome: 'cancelled', reason: 'customer' }) },
        simulated: null,
      },
    });
    try {
      await hardware.addStaff('Cass', 'cashier', '482913');
      expect((await hardware.core.session.signIn('st_cass00000000', '482913')).outcome).toBe('signed_in');
      expect(await hardware.call('payments.reader')).toMatchObject({ ok: true, data: { kind: 'hardware', testCards: null } });
      expect(await hardware.call('payments.selectTestCard', { cardId: 'decline' })).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
    } finally {
      hardware.close();
    }
  });
});
