import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import type { ShiftReport } from '../../../shared/domain/shift';
import { transactionEnvelopeSchema } from '../../../shared/api/transactions';
import type { TenderCardResult } from '../../../shared/ipc/areas/card-tender';
import type { AttentionEntry, AttentionList } from '../../../electron/main/payments/declined-payments';
import { writeTransaction } from '../../../electron/main/storage/transaction';
import { ok, startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

/** The sync area's list, as its contract says: added once per client id and kind, resolved once, never deleted. */
class MemoryAttention implements AttentionList {
  readonly entries: AttentionEntry[] = [];
  add(_tx: unknown, input: { clientId: string; kind: 'declined_after_forward'; itemKind: 'payment'; reason: string }): AttentionEntry {
    const found = this.entries.find((e) => e.clientId === input.clientId && e.kind === input.kind);
    if (found) return found;
    const entry = { id: this.entries.length + 1, ...input, createdAt: new Date().toISOString(), resolvedAt: null, resolution: null };
    this.entries.push(entry);
    return entry;
  }
  find(clientId: string, kind: string) {
    return this.entries.find((e) => e.clientId === clientId && e.kind === kind) ?? null;
  }
  get(id: number) {
    return this.entries.find((e) => e.id === id) ?? null;
  }
  list(options: { includeResolved?: boolean } = {}) {
    return this.entries.filter((e) => options.includeResolved || !e.resolvedAt);
  }
  resolve(_tx: unknown, id: number, _by: string, resolution: string) {
    const entry = this.get(id) as AttentionEntry;
    if (!entry.resolvedAt) Object.assign(entry, { resolvedAt: new Date().toISOString(), resolution });
    return entry;
  }
}

let t: TerminalFixture;
let attention: MemoryAttention;
let cashier: string;
let manager: string;
const audited = (action: string) =>
  t.storage.db.prepare('SELECT actor_id, amount_minor, details_json FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
    actor_id: string | null;
    amount_minor: number;
    details_json: string;
  }[];

beforeEach(async () => {
  attention = new MemoryAttention();
  t = await terminalFixture({ attention });
  cashier = await t.addStaff('Cass', 'cashier', '482913');
  manager = await t.addStaff('Manny', 'manager', '205837');
  expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
});
afterEach(() => t.close());

async function offlineCardSale(): Promise<{ sale: SaleView; paymentId: string }> {
  const sale = await startSale(t, '96385074');
  await ok(t, 'payments.selectTestCard', { cardId: 'decline_after_forward' });
  const paid = await ok<TenderCardResult>(t, 'sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7() });
  if (paid.outcome !== 'paid') expect.fail(paid.outcome);
  return { sale: paid.sale, paymentId: paid.sale.payments[0]?.paymentId as string };
}

const declined = (paymentId: string, saleId: string) =>
  writeTransaction(t.storage.db, (tx) =>
    t.core.payments.onDeclinedAfterForward(tx, { clientId: paymentId, transactionClientId: saleId, declineCode: 'card_declined' }),
  );

describe('a card payment declined after forwarding', () => {
  it('becomes a needs-attention entry a manager sees with the payment, and it is audited', async () => {
    const { sale, paymentId } = await offlineCardSale();
    declined(paymentId, sale.saleId);
    expect(attention.entries).toEqual([
      expect.objectContaining({
        clientId: paymentId,
        kind: 'declined_after_forward',
        itemKind: 'payment',
        reason: expect.stringContaining('8.99 EUR (amex ending 0005, receipt'),
      }),
    ]);
    expect(audited('payment.declined_after_forward')).toEqual([expect.objectContaining({ actor_id: null, amount_minor: 899 })]);

    // A cashier may not see or resolve it.
    expect(await t.call('payments.declined', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    t.core.session.signOut();
    expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
    const list = await ok<unknown[]>(t, 'payments.declined', {});
    expect(list).toEqual([
      expect.objectContaining({
        entryId: 1,
        paymentId,
        resolvedAt: null,
        payment: {
          saleId: sale.saleId,
          receiptNumber: sale.receipt?.receiptNumber,
          amountMinor: 899,
          currency: 'EUR',
          brand: 'amex',
          last4: '0005',
        },
      }),
    ]);
  });

  it('is resolved once by a manager, who records what was done, audited', async () => {
    const { sale, paymentId } = await offlineCardSale();
    declined(paymentId, sale.saleId);
    t.core.session.signOut();
    expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
    const resolved = await ok(t, 'payments.resolveDeclined', {
      entryId: 1,
      resolution: { kind: 'other_tender', method: 'cash', amountMinor: 899, note: 'customer came back' },
    });
    expect(resolved).toMatchObject({ resolvedAt: expect.any(String), resolution: 'Paid by cash 8.99 EUR: customer came back' });
    expect(audited('payment.resolved')).toEqual([expect.objectContaining({ actor_id: manager, amount_minor: 899 })]);
    expect(JSON.parse(audited('payment.resolved')[0]?.details_json ?? '{}')).toMatchObject({
      paymentId,
      entryId: 1,
      resolution: 'other_tender',
      method: 'cash',
    });
    expect(await t.call('payments.resolveDeclined', { entryId: 1, resolution: { kind: 'written_off', reason: 'twice' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await ok(t, 'payments.declined', {})).toEqual([]);
    expect(await ok(t, 'payments.declined', { includeResolved: true })).toHaveLength(1);
  });

  it('can be written off, and refuses entries that are not declined payments', async () => {
    const { sale, paymentId } = await offlineCardSale();
    declined(paymentId, sale.saleId);
    writeTransaction(t.storage.db, (tx) =>
      attention.add(tx, { clientId: uuidv7(), kind: 'rejected' as never, itemKind: 'sale' as never, reason: 'validation' }),
    );
    t.core.session.signOut();
    expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
    expect(
      await t.call('payments.resolveDeclined', { entryId: 2, resolution: { kind: 'written_off', reason: 'not a payment' } }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await t.call('payments.resolveDeclined', { entryId: 9, resolution: { kind: 'written_off', reason: 'nothing there' } }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await ok(t, 'payments.resolveDeclined', { entryId: 1, resolution: { kind: 'written_off', reason: 'customer unreachable' } }),
    ).toMatchObject({ resolution: 'Written off: customer unreachable' });
    expect(audited('payment.resolved')).toHaveLength(1);
  });

  it('is still recorded for a payment this terminal does not know', async () => {
    const stranger = uuidv7();
    declined(stranger, uuidv7());
    expect(attention.entries[0]).toMatchObject({ clientId: stranger, reason: expect.stringContaining('not found on this terminal') });
  });

  // Issue 15 item 17: "paid by cash" was only words on the entry; the drawer's expected cash and the
  // X/Z reports never saw the money, and neither did the API.
  describe('settled another way', () => {
    async function asManager(): Promise<void> {
      t.core.session.signOut();
      expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
    }

    it('in cash: a payment of the open shift, in the X report, the drawer expectation, the audit and the API queue', async () => {
      const { sale, paymentId } = await offlineCardSale();
      declined(paymentId, sale.saleId);
      await asManager();
      const before = await ok<ShiftReport>(t, 'shifts.xReport');
      await ok(t, 'payments.resolveDeclined', { entryId: 1, resolution: { kind: 'other_tender', method: 'cash', amountMinor: 899 } });

      const x = await ok<ShiftReport>(t, 'shifts.xReport');
      expect(x.settlements).toEqual({ count: 1, amountMinor: 899 });
      expect(x.cash.settlementsMinor).toBe(899);
      expect(x.cash.expectedMinor).toBe(before.cash.expectedMinor + 899);
      expect(x.tenders.find((tender) => tender.method === 'cash')).toEqual({ method: 'cash', count: 1, amountMinor: 899 });
      // The sale itself is unchanged: it was counted when it was made.
      expect(x.netSalesMinor).toBe(before.netSalesMinor);

      const [row] = t.storage.db.prepare('SELECT * FROM declined_settlements').all() as {
        id: string;
        payment_id: string;
        sale_id: string;
        method: string;
        amount_minor: number;
        staff_id: string;
      }[];
      expect(row).toMatchObject({ payment_id: paymentId, sale_id: sale.saleId, method: 'cash', amount_minor: 899, staff_id: manager });
      const details = JSON.parse(audited('payment.resolved')[0]!.details_json) as Record<string, unknown>;
      expect(details).toMatchObject({ paymentId, resolution: 'other_tender', method: 'cash', settlementId: row!.id });
      expect(
        t.storage.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'drawer.opened' AND target = ?").get(row!.id),
      ).toEqual({ n: 1 });
      const queued = t.storage.db.prepare("SELECT client_id, payload_json FROM outbox WHERE kind = 'settlement'").all() as {
        client_id: string;
        payload_json: string;
      }[];
      expect(queued.map((q) => q.client_id)).toEqual([row!.id]);
      const envelope = JSON.parse(queued[0]!.payload_json);
      expect(transactionEnvelopeSchema.safeParse(envelope).error).toBeUndefined();
      expect(envelope).toMatchObject({
        type: 'settlement',
        totalMinor: 899,
        currency: 'EUR',
        body: { declinedPaymentId: paymentId, saleId: sale.saleId, method: 'cash' },
      });

      // The Z report closes on it: counting the float, the sale's cash and the settlement balances.
      const z = await ok<ShiftReport>(t, 'shifts.close', { countedMinor: x.cash.expectedMinor });
      expect(z).toMatchObject({
        kind: 'Z',
        settlements: { count: 1, amountMinor: 899 },
        cash: { settlementsMinor: 899, differenceMinor: 0 },
      });
    });

    it('with another card: card takings of the shift, not the drawer', async () => {
      const { sale, paymentId } = await offlineCardSale();
      declined(paymentId, sale.saleId);
      await asManager();
      const before = await ok<ShiftReport>(t, 'shifts.xReport');
      await ok(t, 'payments.resolveDeclined', { entryId: 1, resolution: { kind: 'other_tender', method: 'card', amountMinor: 899 } });
      const x = await ok<ShiftReport>(t, 'shifts.xReport');
      expect(x.settlements).toEqual({ count: 1, amountMinor: 899 });
      expect(x.cash).toEqual(before.cash);
      expect(x.tenders.find((tender) => tender.method === 'card')).toEqual({ method: 'card', count: 1, amountMinor: 899 });
      expect(t.storage.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'drawer.opened'").get()).toEqual({ n: 0 });
    });

    it('needs an open shift, and changes nothing without one', async () => {
      const { sale, paymentId } = await offlineCardSale();
      declined(paymentId, sale.saleId);
      await asManager();
      const x = await ok<ShiftReport>(t, 'shifts.xReport');
      await ok(t, 'shifts.close', { countedMinor: x.cash.expectedMinor });
      expect(await ok(t, 'shifts.current')).toBeNull();
      const outbox = (t.storage.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
      expect(
        await t.call('payments.resolveDeclined', { entryId: 1, resolution: { kind: 'other_tender', method: 'cash', amountMinor: 899 } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining('Open a shift first') },
      });
      expect(attention.entries[0]!.resolvedAt).toBeNull();
      expect(t.storage.db.prepare('SELECT count(*) AS n FROM declined_settlements').get()).toEqual({ n: 0 });
      expect((t.storage.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(outbox);
      expect(audited('payment.resolved')).toEqual([]);
      // Writing it off needs no shift: no money changes hands.
      expect(
        await ok(t, 'payments.resolveDeclined', { entryId: 1, resolution: { kind: 'written_off', reason: 'customer unreachable' } }),
      ).toMatchObject({ resolvedAt: expect.any(String) });
    });
  });
});
