import { afterEach, describe, expect, it } from 'vitest';
import { OutboxQueue } from '../../electron/main/storage/outbox-queue';
import { CONSENT_TEXTS, type CustomerSummary } from '../../shared/domain/customer';
import type { ShiftReport } from '../../shared/domain/shift';
import { ok, payCash, startSale } from '../support/register-steps';
import { realKeychain } from '../support/storage';
import { terminalFixture, type TerminalFixture } from '../support/terminal-fixture';

// Retention of sale details over real encrypted storage: only what the API confirmed, only past the
// policy's period; totals, Z reports and the audit chain stay whole.

let t: TerminalFixture;
afterEach(() => t?.close());

const DAY = 86_400;
const count = (sql: string, ...args: unknown[]) => (t.storage.db.prepare(sql).get(...args) as { n: number }).n;

/** Confirms the items as the API's answer would, through the outbox queue's real path. */
function confirm(clientIds: string[]) {
  const queue = new OutboxQueue(t.storage.db, t.storage.needsAttention, t.clock.now);
  const items = queue.next(10_000).filter((i) => clientIds.includes(i.clientId));
  expect(items).toHaveLength(clientIds.length);
  queue.settle({ confirmed: items.map((item) => ({ item, serverId: null })), rejected: [] });
}

describe('sale details retention', () => {
  it('prunes synced sale details past the period, keeps totals and the Z report, never touches unsynced sales, and the audit chain verifies', async () => {
    t = await terminalFixture({ keychain: realKeychain('retention'), policy: { policies: { privacy: { saleDetailsDays: 90 } } } });
    const managerId = await t.addStaff('Mia Manager', 'manager', '824613');
    await ok(t, 'session.signIn', { staffId: managerId, pin: '824613' });
    const customer = await ok<CustomerSummary>(t, 'customers.create', {
      customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null },
      consents: [{ purpose: 'email_receipts', textVersion: CONSENT_TEXTS.email_receipts.version }],
    });
    const synced = await startSale(t);
    await ok(t, 'customers.attach', { saleId: synced.saleId, customerId: customer.id });
    const syncedPaid = await payCash(t, synced);
    const waiting = (await payCash(t, await startSale(t))).sale;
    const z = await ok<ShiftReport>(t, 'shifts.close', {
      countedMinor: 10_000 + syncedPaid.sale.totals.totalMinor + waiting.totals.totalMinor,
    });
    confirm([synced.saleId]);
    // As a card payment leaves them: the brand and last digits a receipt shows, and the settled attempt.
    const card = JSON.stringify({ brand: 'visa', last4: '4242' });
    t.storage.db.prepare('UPDATE payments SET card_json = ? WHERE sale_id = ?').run(card, synced.saleId);
    t.storage.db
      .prepare(
        "INSERT INTO card_attempts (payment_id, sale_id, amount_minor, currency, staff_id, card_json, started_at, state) VALUES ('pay-1', ?, 1, 'EUR', ?, ?, ?, 'attached')",
      )
      .run(synced.saleId, managerId, card, new Date().toISOString());

    // Inside the period: nothing goes.
    t.clock.advance(89 * DAY);
    expect(t.core.retention.runOnce()).toEqual({ sales: 0, lines: 0 });
    t.clock.advance(2 * DAY);
    expect(t.core.retention.runOnce()).toEqual({ sales: 1, lines: 1 });

    expect(count('SELECT count(*) AS n FROM sale_lines WHERE sale_id = ?', synced.saleId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM sale_customers WHERE sale_id = ?', synced.saleId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM payments WHERE sale_id = ? AND card_json IS NOT NULL', synced.saleId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM card_attempts WHERE sale_id = ?', synced.saleId)).toBe(0);
    expect(t.storage.db.prepare('SELECT status, total_minor AS total FROM sales WHERE id = ?').get(synced.saleId)).toEqual({
      status: 'completed',
      total: syncedPaid.sale.totals.totalMinor,
    });
    expect(t.core.register.ledger.sale(synced.saleId)).toBeNull();
    // The unsynced sale is whole, however old.
    expect(t.core.register.ledger.sale(waiting.saleId)?.lines).toHaveLength(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE client_id = ? AND status = 'queued'", waiting.saleId)).toBe(1);
    // Reports: the Z report reads as it closed.
    expect(t.core.register.ledger.closedShiftReport(z.shiftId)).toEqual(z);
    expect(t.storage.audit.verify()).toMatchObject({ ok: true });
    expect(
      t.storage.db
        .prepare("SELECT actor_id AS actor, target, details_json AS details FROM audit_log WHERE action = 'retention.pruned'")
        .all(),
    ).toEqual([{ actor: null, target: 'sale_details', details: JSON.stringify({ sales: 1, before: '2026-11-30T09:00:00.000Z' }) }]);
    // Running again prunes nothing more; once the other sale is confirmed, it goes too.
    expect(t.core.retention.runOnce()).toEqual({ sales: 0, lines: 0 });
    confirm([waiting.saleId]);
    expect(t.core.retention.runOnce()).toEqual({ sales: 1, lines: 1 });
    expect(t.storage.audit.verify()).toMatchObject({ ok: true });
  });
});
