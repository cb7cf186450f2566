import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import type { TenderCardResult } from '../../../shared/ipc/areas/card-tender';
import type { CardRead, CardReader } from '../../../electron/main/devices/card-reader';
import { selectCardReader } from '../../../electron/main/devices/card-reader-selection';
import type { AuthorizeOutcome, PaymentGateway } from '../../../electron/main/payments/payment-gateway';
import { ok, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// While a card is being read or authorized, the sale is frozen: a cart change would make the checkout
// refuse to record a payment the API already approved, so the change is refused instead.

/** A promise the test settles by hand. */
function later<T>() {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

let t: TerminalFixture;
let read: ReturnType<typeof later<CardRead>>;
let answer: ReturnType<typeof later<AuthorizeOutcome>>;
let asked: ReturnType<typeof later<void>>;
const reader: CardReader = { kind: 'hardware', name: 'Slow reader', read: () => read.promise };
const gateway: PaymentGateway = {
  authorize: () => {
    asked.settle();
    return answer.promise;
  },
  lookup: () => Promise.resolve({ outcome: 'unreachable' }),
  reverse: () => Promise.resolve({ outcome: 'unreachable' }),
};
const CARD: CardRead = { outcome: 'read', token: 'tok_test_approve' as never, card: { brand: 'visa', last4: '4242', entryMode: 'chip' } };

beforeEach(async () => {
  read = later();
  answer = later();
  asked = later();
  t = await terminalFixture({
    cardReader: selectCardReader('linux', [{ platforms: ['linux'], create: () => reader }]),
    paymentGateway: gateway,
  });
  const cashier = await t.addStaff('Cass', 'cashier', '482913');
  expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
});
afterEach(() => t.close());

/** Every way the page can change the sale, each of which must be refused with `conflict`. */
async function everyChangeRefused(sale: SaleView): Promise<void> {
  const lineId = sale.lines[0]?.lineId;
  const attempts: [string, unknown][] = [
    ['sales.addByBarcode', { code: '4006381333931' }],
    ['sales.setQuantity', { lineId, quantity: 3 }],
    ['sales.removeLine', { lineId }],
    ['sales.discountLine', { lineId, discount: { kind: 'percent', basisPoints: 500, reason: 'loyal customer' } }],
    ['sales.discountSale', { discount: { kind: 'percent', basisPoints: 500, reason: 'loyal customer' } }],
    ['sales.clear', undefined],
    ['sales.park', {}],
    ['sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: 5_000 }],
    ['sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() }],
  ];
  for (const [channel, payload] of attempts) {
    expect(await t.call(channel, payload), channel).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }
  expect(t.core.register.cart.current()).toMatchObject({ saleId: sale.saleId, lines: sale.lines, payments: [] });
}

describe('a card tender in flight', () => {
  it('while the card is read and while the API authorizes: every change is refused, and the approved payment is recorded', async () => {
    const sale = await startSale(t, '96385074');
    const paying = t.call<TenderCardResult>('sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await everyChangeRefused(sale); // the reader has not answered yet
    read.settle(CARD);
    await asked.promise;
    await everyChangeRefused(sale); // the API has not answered yet
    answer.settle({ outcome: 'approved' });
    expect(await paying).toMatchObject({
      ok: true,
      data: { outcome: 'paid', status: 'captured', sale: { saleId: sale.saleId, status: 'completed', paidMinor: 899 } },
    });
  });

  it('ends with the tender: after a decline the sale can be changed again', async () => {
    const sale = await startSale(t, '96385074');
    const paying = t.call<TenderCardResult>('sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
    read.settle(CARD);
    await asked.promise;
    answer.settle({ outcome: 'declined', code: 'card_declined' });
    expect(await paying).toMatchObject({ ok: true, data: { outcome: 'declined' } });
    const added = await ok<{ sale: SaleView }>(t, 'sales.addByBarcode', { code: '4006381333931' });
    expect(added.sale.lines).toHaveLength(2);
  });
});
