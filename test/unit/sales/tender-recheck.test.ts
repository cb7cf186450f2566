import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import { SaleRepository } from '../../../electron/main/ledger/sale-repository';
import { LastCartView } from '../../../electron/main/sales/last-cart-view';
import { cashTender, type Tender } from '../../../electron/main/sales/tender';
import { writeTransaction } from '../../../electron/main/storage/transaction';
import { writeMark } from '../../../electron/main/storage/write-mark';
import { ok, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// A tender checks the sale before it settles and again when it records the payment. The second
// check is skipped only when nothing at all was written in between (the write mark): whatever
// moved while a tender waited (a card reader, the API) is still caught.

const WINE = '96385074'; // 8.99

let t: TerminalFixture;
let staffId: string;
let sale: SaleView;
beforeEach(async () => {
  t = await terminalFixture();
  staffId = await t.addStaff('Cass', 'cashier', '482913');
  expect((await t.core.session.signIn(staffId, '482913')).outcome).toBe('signed_in');
  await ok(t, 'shifts.open', { floatMinor: 5_000 });
  sale = await startSale(t, WINE);
});
afterEach(() => t.close());

/** Cash that takes a moment to settle (as a card reader would), running `meanwhile` before it answers. */
function waitingTender(meanwhile: () => void): Tender {
  const cash = cashTender(sale.cashDueMinor);
  return {
    method: 'cash',
    opensDrawer: false,
    async settle(due) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      meanwhile();
      return cash.settle(due);
    },
  };
}

const tender = (meanwhile: () => void) => t.core.register.checkout.tender(sale.saleId, uuidv7(), waitingTender(meanwhile), staffId);

describe('a tender that waited', () => {
  it('is refused when another payment landed on the sale meanwhile', async () => {
    const sales = new SaleRepository(t.storage.db);
    const answer = tender(() =>
      writeTransaction(t.storage.db, (tx) =>
        sales.insertPayment(tx, sale.saleId, {
          paymentId: uuidv7(),
          method: 'cash',
          amountMinor: 100,
          status: 'captured',
          cash: { givenMinor: 100, changeMinor: 0, roundingMinor: 0 },
          card: null,
          takenAt: new Date().toISOString(),
        }),
      ),
    );
    await expect(answer).rejects.toThrow('The sale changed while the payment was taken');
  });

  it('completes when only something else was written meanwhile, and when nothing was', async () => {
    const other = await tender(() => t.storage.audit.record({ action: 'drawer.opened', actorId: staffId, details: { reason: 'test' } }));
    expect(other.sale.status).toBe('completed');
    sale = await startSale(t, WINE);
    const quiet = await tender(() => undefined);
    expect(quiet.sale.status).toBe('completed');
  });
});

describe('the sale as the last scan left it', () => {
  const partPayment = (amountMinor: number) =>
    writeTransaction(t.storage.db, (tx) =>
      new SaleRepository(t.storage.db).insertPayment(tx, sale.saleId, {
        paymentId: uuidv7(),
        method: 'cash',
        amountMinor,
        status: 'captured',
        cash: { givenMinor: amountMinor, changeMinor: 0, roundingMinor: 0 },
        card: null,
        takenAt: new Date().toISOString(),
      }),
    );

  it('is what a tender right after the scan starts from', async () => {
    const lastView = new LastCartView(t.storage.db);
    lastView.remember(sale, 0);
    expect(lastView.of(sale.saleId, 0)).toBe(sale);
    expect(lastView.of(sale.saleId, 5)).toBeNull();
    expect(lastView.of(uuidv7(), 0)).toBeNull();
  });

  it('is read afresh once anything was written, so a tender never pays what was already paid', async () => {
    partPayment(299);
    const paid = await t.core.register.checkout.tender(sale.saleId, uuidv7(), cashTender(10_000), staffId);
    expect(paid.sale.status).toBe('completed');
    expect(paid.sale.payments.map((p) => p.amountMinor)).toEqual([299, 899 - 299]);
    expect(paid.changeMinor).toBe(10_000 - 600);
  });

  it('is not taken inside a transaction, which could still roll back', () => {
    const lastView = new LastCartView(t.storage.db);
    writeTransaction(t.storage.db, () => lastView.remember(sale, 0));
    expect(lastView.of(sale.saleId, 0)).toBeNull();
  });
});

describe('the write mark', () => {
  it('moves with any write on this connection and stays put across reads', () => {
    const before = writeMark(t.storage.db);
    t.storage.db.prepare('SELECT count(*) FROM sales').get();
    expect(writeMark(t.storage.db)).toBe(before);
    t.storage.audit.record({ action: 'drawer.opened', actorId: staffId, details: { reason: 'test' } });
    expect(writeMark(t.storage.db)).not.toBe(before);
  });
});
