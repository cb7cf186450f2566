import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderDestination } from '../../../electron/main/customers';
import { CONSENT_TEXTS, type CustomerRecord, type CustomerSummary } from '../../../shared/domain/customer';
import { payCash, ok, startSale } from '../../support/register-steps';
import { realKeychain, tempDir } from '../../support/storage';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Customers through the real registry, storage and keychain: what cashiers and managers may do, what
// is refused, consent, export and the erasure hold. Delivery to the API: customers-sync.test.ts.

let t: TerminalFixture;
let out: ReturnType<typeof tempDir>;
afterEach(() => {
  t?.close();
  out?.cleanup();
});

const receipts = { purpose: 'email_receipts', textVersion: CONSENT_TEXTS.email_receipts.version } as const;
const ada = { name: 'Ada Lovelace', email: 'Ada.Lovelace@example.com', phone: '+44 20 7946 0958' };

async function terminal(policy?: object) {
  out = tempDir('customer-exports');
  t = await terminalFixture({
    keychain: realKeychain('customer-privacy'),
    ...(policy ? { policy } : {}),
    customerExports: folderDestination(out.dir),
  });
  const managerId = await t.addStaff('Mia Manager', 'manager', '824613');
  const cashierId = await t.addStaff('Cal Cashier', 'cashier', '531864');
  const as = async (staffId: string, pin: string) =>
    expect((await ok<{ outcome: string }>(t, 'session.signIn', { staffId, pin })).outcome).toBe('signed_in');
  return { managerId, cashierId, asManager: () => as(managerId, '824613'), asCashier: () => as(cashierId, '531864') };
}

const rows = (sql: string, ...args: unknown[]) => t.storage.db.prepare(sql).all(...args) as Record<string, unknown>[];
const counts = () => ({
  customers: rows('SELECT count(*) AS n FROM customers')[0]!.n,
  consents: rows('SELECT count(*) AS n FROM customer_consents')[0]!.n,
  outbox: rows('SELECT count(*) AS n FROM outbox')[0]!.n,
  audit: rows('SELECT count(*) AS n FROM audit_log')[0]!.n,
  erasures: rows('SELECT count(*) AS n FROM customer_erasures')[0]!.n,
});

describe('customer fields refuse bad input and store nothing', () => {
  it.each([
    ['a malformed e-mail', { name: 'Ada', email: 'ada@', phone: null }],
    ['a malformed phone', { name: 'Ada', email: null, phone: '12-ab-34' }],
    ['a phone too long for E.164', { name: 'Ada', email: null, phone: '+1234567890123456' }],
    ['an oversized name', { name: 'A'.repeat(81), email: 'a@example.com', phone: null }],
    ['an injection string as name', { name: "Robert'); DROP TABLE customers;--", email: 'r@example.com', phone: null }],
    ['markup as name', { name: '<img src=x onerror=alert(1)>', email: 'r@example.com', phone: null }],
    ['a card number as name', { name: 'Ada 4111 1111 1111 1111', email: 'a@example.com', phone: null }],
    ['a card number as phone', { name: 'Ada', email: null, phone: '4111111111111111' }],
    ['a card number as e-mail', { name: 'Ada', email: '4111111111111111@example.com', phone: null }],
    ['neither e-mail nor phone', { name: 'Ada', email: null, phone: null }],
  ])('refuses %s', async (_what, customer) => {
    const { asCashier } = await terminal();
    await asCashier();
    const before = counts();
    const result = await t.call('customers.create', { customer, consents: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_request');
    expect(counts()).toEqual(before);
  });

  it('refuses a card number typed into the search box', async () => {
    const { asCashier } = await terminal();
    await asCashier();
    const result = await t.call('customers.search', { query: '5500 0000 0000 0004' });
    expect(result.ok).toBe(false);
  });
});

describe('what a cashier and a manager see', () => {
  it('shows a cashier the name and masked contact only, and refuses them the record, export and erasure', async () => {
    const { asCashier } = await terminal();
    await asCashier();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [receipts] });
    expect(created).toEqual({
      id: created.id,
      name: 'Ada Lovelace',
      maskedEmail: 'a•••@e•••.com',
      maskedPhone: '•••• 958',
      consents: { email_receipts: true, marketing: false },
    });
    expect(JSON.stringify(await ok(t, 'customers.search', { query: 'lovel' }))).not.toContain('example.com');
    const before = counts();
    for (const [channel, payload] of [
      ['customers.get', { customerId: created.id }],
      ['customers.export', { customerId: created.id }],
      ['customers.erase', { customerId: created.id, confirm: true }],
    ] as const) {
      const result = await t.call(channel, payload);
      expect(result.ok ? 'ok' : result.error.code).toBe('forbidden');
    }
    expect(counts()).toEqual(before);
  });

  it('gives a manager the whole record with every consent: who, when and which text', async () => {
    const { asManager, managerId } = await terminal();
    await asManager();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [receipts] });
    t.clock.advance(60);
    await ok(t, 'customers.giveConsent', { customerId: created.id, purpose: 'marketing', textVersion: CONSENT_TEXTS.marketing.version });
    t.clock.advance(60);
    const withdrawn = await ok<CustomerSummary>(t, 'customers.withdrawConsent', { customerId: created.id, purpose: 'marketing' });
    expect(withdrawn.consents).toEqual({ email_receipts: true, marketing: false });
    const record = await ok<CustomerRecord>(t, 'customers.get', { customerId: created.id });
    expect(record).toMatchObject({ name: 'Ada Lovelace', email: 'ada.lovelace@example.com', phone: '+442079460958' });
    expect(record.consentHistory).toEqual([
      { purpose: 'email_receipts', granted: true, at: '2026-11-29T09:00:00.000Z', staffId: managerId, textVersion: 'receipts-2026-12' },
      { purpose: 'marketing', granted: true, at: '2026-11-29T09:01:00.000Z', staffId: managerId, textVersion: 'marketing-2026-12' },
      { purpose: 'marketing', granted: false, at: '2026-11-29T09:02:00.000Z', staffId: managerId, textVersion: 'marketing-2026-12' },
    ]);
  });

  it('refuses a consent given to a text version that is not the one shown now', async () => {
    const { asCashier } = await terminal();
    await asCashier();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [] });
    const result = await t.call('customers.giveConsent', {
      customerId: created.id,
      purpose: 'marketing',
      textVersion: 'marketing-2020-01',
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('conflict');
    expect(rows('SELECT * FROM customer_consents')).toEqual([]);
  });

  it('keeps personal data out of the audit trail and the outbox', async () => {
    const { asCashier } = await terminal();
    await asCashier();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [receipts] });
    const sale = await startSale(t);
    await ok(t, 'customers.attach', { saleId: sale.saleId, customerId: created.id });
    const stored = JSON.stringify([rows('SELECT * FROM audit_log'), rows('SELECT * FROM outbox')]).toLowerCase();
    for (const fact of ['lovelace', 'example.com', '7946']) expect(stored).not.toContain(fact);
    expect(rows("SELECT kind, payload_json FROM outbox WHERE kind = 'customer.upsert'").at(-1)).toEqual({
      kind: 'customer.upsert',
      payload_json: JSON.stringify({ customerId: created.id }),
    });
  });
});

describe('a customer on the open sale', () => {
  it('is removed with the sale when the sale is cleared, and can be detached before tender only', async () => {
    const { asCashier } = await terminal();
    await asCashier();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [] });
    const cleared = await startSale(t);
    await ok(t, 'customers.attach', { saleId: cleared.saleId, customerId: created.id });
    await ok(t, 'sales.clear');
    expect(rows('SELECT * FROM sale_customers')).toEqual([]);
    const sale = await startSale(t);
    await ok(t, 'customers.attach', { saleId: sale.saleId, customerId: created.id });
    expect(await ok(t, 'customers.ofSale', { saleId: sale.saleId })).toMatchObject({ id: created.id });
    await ok(t, 'customers.detach', { saleId: sale.saleId });
    expect(await ok(t, 'customers.ofSale', { saleId: sale.saleId })).toBeNull();
    await ok(t, 'customers.attach', { saleId: sale.saleId, customerId: created.id });
    await payCash(t, sale);
    const late = await t.call('customers.detach', { saleId: sale.saleId });
    expect(late.ok ? 'ok' : late.error.code).toBe('conflict');
    expect(await ok(t, 'customers.ofSale', { saleId: sale.saleId })).toMatchObject({ id: created.id });
  });
});

describe('export', () => {
  it('writes the same facts as JSON and as a readable PDF through main, audited', async () => {
    const { asManager, managerId } = await terminal();
    await asManager();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: { ...ada, name: 'Zoë Ødegaard' }, consents: [receipts] });
    const sale = await startSale(t);
    await ok(t, 'customers.attach', { saleId: sale.saleId, customerId: created.id });
    const paid = await payCash(t, sale);
    const result = await ok<{ outcome: string; files: string[] }>(t, 'customers.export', { customerId: created.id });
    expect(result).toEqual({ outcome: 'saved', files: [`customer-${created.id}.json`, `customer-${created.id}.pdf`] });
    const json = JSON.parse(readFileSync(path.join(exportsDir(), result.files[0]!), 'utf8'));
    expect(json).toMatchObject({
      format: 'nopos-customer-export/1',
      customer: { id: created.id, name: 'Zoë Ødegaard', email: 'ada.lovelace@example.com', phone: '+442079460958' },
      consents: [
        {
          purpose: 'email_receipts',
          granted: true,
          staffId: managerId,
          textVersion: 'receipts-2026-12',
          text: CONSENT_TEXTS.email_receipts.text,
        },
      ],
      sales: [
        { receiptNumber: paid.sale.receipt!.receiptNumber, totalMinor: paid.sale.totals.totalMinor, currency: 'EUR', status: 'completed' },
      ],
    });
    const text = execFileSync('pdftotext', ['-layout', path.join(exportsDir(), result.files[1]!), '-'], { encoding: 'utf8' });
    for (const fact of [
      'Zoë Ødegaard',
      'ada.lovelace@example.com',
      '+442079460958',
      paid.sale.receipt!.receiptNumber,
      'email_receipts: given',
      'receipts-2026-12',
    ])
      expect(text).toContain(fact);
    expect(rows("SELECT action, actor_id AS actor, target FROM audit_log WHERE action = 'customer.exported'")).toEqual([
      { action: 'customer.exported', actor: managerId, target: `customer:${created.id}` },
    ]);
  });
});

const exportsDir = () => out.dir;

describe('erasure under a legal hold', () => {
  it('records the request now, withdraws every consent, and erases once the hold after the last sale has passed', async () => {
    const { asManager, managerId } = await terminal({ policies: { privacy: { erasureHoldDays: 30 } } });
    await asManager();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [receipts] });
    const sale = await startSale(t);
    await ok(t, 'customers.attach', { saleId: sale.saleId, customerId: created.id });
    await payCash(t, sale);
    t.clock.advance(86_400);
    await asManager();
    const held = await ok(t, 'customers.erase', { customerId: created.id, confirm: true });
    expect(held).toEqual({ status: 'held', customerId: created.id, dueAt: '2026-12-29T09:00:00.000Z' });
    const record = await ok<CustomerRecord>(t, 'customers.get', { customerId: created.id });
    expect(record).toMatchObject({ consents: { email_receipts: false, marketing: false }, erasureDueAt: '2026-12-29T09:00:00.000Z' });
    expect(record.consentHistory.at(-1)).toMatchObject({ purpose: 'email_receipts', granted: false, staffId: managerId });

    // Asking again, changing the record or attaching them to a new sale meanwhile changes nothing.
    const next = await startSale(t);
    const before = counts();
    for (const [channel, payload] of [
      ['customers.erase', { customerId: created.id, confirm: true }],
      ['customers.update', { customerId: created.id, customer: { ...ada, name: 'Ada King' } }],
      ['customers.giveConsent', { customerId: created.id, ...receipts }],
      ['customers.attach', { saleId: next.saleId, customerId: created.id }],
    ] as const) {
      const result = await t.call(channel, payload);
      expect(result.ok ? 'ok' : result.error.code).toBe('conflict');
    }
    expect(counts()).toEqual(before);

    // Still inside the hold at start-up: nothing happens. Past it: erased.
    t.clock.advance(20 * 86_400);
    t.core.startTimers()();
    expect(counts().customers).toBe(1);
    t.clock.advance(10 * 86_400);
    t.core.startTimers()();
    expect(counts()).toMatchObject({ customers: 0, consents: 0, erasures: 1 });
    expect(rows('SELECT customer_ref FROM sale_customers')[0]!.customer_ref).toMatch(/^erased-/);
    // The trail outlives the person: nothing in it about a sale or receipt leads back to them.
    expect(JSON.stringify(rows("SELECT * FROM audit_log WHERE target NOT LIKE 'customer:%'"))).not.toContain(created.id);
    expect(rows("SELECT action, actor_id AS actor FROM audit_log WHERE action LIKE 'customer.eras%' ORDER BY seq")).toEqual([
      { action: 'customer.erasure_requested', actor: managerId },
      { action: 'customer.erased', actor: managerId },
    ]);
  });

  it('finishes a due erasure whose customer row is already gone, instead of retrying it every hour', async () => {
    const { asManager } = await terminal({ policies: { privacy: { erasureHoldDays: 1 } } });
    await asManager();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [] });
    const sale = await startSale(t);
    await ok(t, 'customers.attach', { saleId: sale.saleId, customerId: created.id });
    await payCash(t, sale);
    await asManager();
    await ok(t, 'customers.erase', { customerId: created.id, confirm: true });
    t.storage.db.prepare('DELETE FROM customer_consents').run();
    t.storage.db.prepare('DELETE FROM customers').run();
    t.clock.advance(2 * 86_400);
    t.core.startTimers()();
    expect(rows('SELECT erased_at FROM customer_erasures')[0]!.erased_at).not.toBeNull();
    expect(rows('SELECT customer_ref FROM sale_customers')[0]!.customer_ref).toMatch(/^erased-/);
    expect(rows("SELECT count(*) AS n FROM outbox WHERE kind = 'customer.erasure'")[0]!.n).toBe(1);
  });

  it('refuses to erase an unknown customer and an unconfirmed request, changing nothing', async () => {
    const { asManager } = await terminal();
    await asManager();
    const created = await ok<CustomerSummary>(t, 'customers.create', { customer: ada, consents: [] });
    const before = counts();
    const unknown = await t.call('customers.erase', { customerId: '01937b2e-0000-7000-8000-000000000000', confirm: true });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not_found');
    const unconfirmed = await t.call('customers.erase', { customerId: created.id });
    expect(unconfirmed.ok ? 'ok' : unconfirmed.error.code).toBe('invalid_request');
    expect(counts()).toEqual(before);
  });
});
