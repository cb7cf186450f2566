import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentRecord, PaymentRequest } from '../../../shared/api/payments';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import { selectCardReader } from '../../../electron/main/devices/card-reader-selection';
import type { AuthorizeOutcome, LookupOutcome, PaymentGateway, ReverseOutcome } from '../../../electron/main/payments/payment-gateway';
import { ok, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

/**
 * Stands in for the NoPOS API (unit test): it holds what it was asked, and can "lose" the terminal
 * mid-authorization (the API decides, the terminal never hears), answer nothing, or hold nothing.
 */
class Api implements PaymentGateway {
  held = new Map<string, PaymentRecord['status']>();
  reachable = true;
  /** What the next authorization does at the API before the terminal is lost. */
  nextLost: PaymentRecord['status'] | 'nothing' | null = null;
  readonly reversed: string[] = [];
  async authorize(request: PaymentRequest): Promise<AuthorizeOutcome> {
    const lost = this.nextLost;
    this.nextLost = null;
    if (lost) {
      if (lost !== 'nothing') this.held.set(request.clientId, lost);
      throw new Error('the terminal died here');
    }
    this.held.set(request.clientId, 'approved');
    return { outcome: 'approved' };
  }
  async lookup(clientId: string): Promise<LookupOutcome> {
    if (!this.reachable) return { outcome: 'unreachable' };
    const status = this.held.get(clientId);
    return status
      ? { outcome: 'found', record: { id: 'pay_aaaaaaaaaaaaaaaa', clientId, status } as PaymentRecord }
      : { outcome: 'not_found' };
  }
  async reverse(clientId: string): Promise<ReverseOutcome> {
    if (!this.reachable) return { outcome: 'unreachable' };
    this.reversed.push(clientId);
    if (this.held.get(clientId) !== 'approved') return { outcome: 'not_charged' };
    this.held.set(clientId, 'reversed');
    return { outcome: 'reversed' };
  }
}

let t: TerminalFixture;
let api: Api;
let manager: string;
beforeEach(async () => {
  api = new Api();
  t = await terminalFixture({ cardReader: selectCardReader('linux'), paymentGateway: api });
  manager = await t.addStaff('Manny', 'manager', '205837');
  expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
});
afterEach(() => t.close());

const state = (paymentId: string) =>
  (t.storage.db.prepare('SELECT state FROM card_attempts WHERE payment_id = ?').get(paymentId) as { state: string }).state;

/** A card tender the terminal never hears the end of; the core is then restarted over the same data. */
async function interrupted(atApi: PaymentRecord['status'] | 'nothing'): Promise<{ sale: SaleView; paymentId: string }> {
  const sale = await startSale(t);
  const paymentId = uuidv7();
  api.nextLost = atApi;
  expect(await t.call('sales.tenderCard', { saleId: sale.saleId, paymentId })).toMatchObject({ ok: false, error: { code: 'internal' } });
  expect(state(paymentId)).toBe('open');
  t = t.restart();
  expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
  return { sale, paymentId };
}

describe('an interrupted card authorization, settled later', () => {
  it('approved at the API, sale still open: recorded on the sale as the tender would have', async () => {
    const { sale, paymentId } = await interrupted('approved');
    const report = await t.core.payments.resolveCardAttempts();
    expect(report.attached.map((a) => a.attempt.paymentId)).toEqual([paymentId]);
    expect(await ok<SaleView | null>(t, 'sales.current')).toBeNull();
    expect(state(paymentId)).toBe('attached');
    expect(api.reversed).toEqual([]);
    expect(t.storage.db.prepare('SELECT status FROM sales WHERE id = ?').get(sale.saleId)).toEqual({ status: 'completed' });
  });

  it('approved at the API, sale paid in cash meanwhile: reversed at the API, never a second charge', async () => {
    const { sale, paymentId } = await interrupted('approved');
    api.reachable = false;
    const second = await t.call('sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('interrupted') } });
    const due = (await ok<SaleView>(t, 'sales.current')).cashDueMinor;
    expect(
      await ok<{ sale: SaleView }>(t, 'sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: due }),
    ).toMatchObject({ sale: { status: 'completed' } });
    api.reachable = true;
    const report = await t.core.payments.resolveCardAttempts();
    expect(report.reversed.map((a) => a.paymentId)).toEqual([paymentId]);
    expect(api.held.get(paymentId)).toBe('reversed');
    expect(state(paymentId)).toBe('reversed');
  });

  it('declined at the API: closed, nothing reversed, the next card goes through', async () => {
    const { sale, paymentId } = await interrupted('declined');
    await t.core.payments.resolveCardAttempts();
    expect(state(paymentId)).toBe('declined');
    expect(api.reversed).toEqual([]);
    expect(await ok(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() })).toMatchObject({
      outcome: 'paid',
      sale: { status: 'completed' },
    });
  });

  it('never received: its client id is blocked at the API (a late request cannot charge), then closed', async () => {
    const { paymentId } = await interrupted('nothing');
    await t.core.payments.resolveCardAttempts();
    expect(api.reversed).toEqual([paymentId]);
    expect(state(paymentId)).toBe('not_charged');
  });

  it('no answer: stays open, and is settled on the next card tender for that sale once the API answers', async () => {
    const { sale, paymentId } = await interrupted('approved');
    api.reachable = false;
    expect((await t.core.payments.resolveCardAttempts()).pending.map((a) => a.paymentId)).toEqual([paymentId]);
    expect(state(paymentId)).toBe('open');
    api.reachable = true;
    // The cashier tries the card again: the earlier approval is found and used, nothing new is charged.
    const retry = await ok(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
    expect(retry).toMatchObject({ outcome: 'paid', status: 'captured', sale: { status: 'completed', payments: [{ paymentId }] } });
    expect([...api.held.keys()]).toEqual([paymentId]);
  });
});
