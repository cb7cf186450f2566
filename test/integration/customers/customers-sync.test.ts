import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_TEXTS, type CustomerSummary, type ErasureOutcome } from '../../../shared/domain/customer';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import { cashTender } from '../../../electron/main/sales/tender';
import { bytesOnDisk, filesHolding } from '../../support/decrypted-copy';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { realKeychain, tempDir } from '../../support/storage';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';
import { trustedSender } from '../../support/test-contract';

// Customers, consent, e-mailed receipts and erasure between a real terminal (SQLCipher, keychain) and
// the sandbox API over TLS.

let sb: TestSandbox;
let t: SyncTerminal;
let scratch: ReturnType<typeof tempDir>;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterAll(() => sb.cleanup());
afterEach(async () => {
  await sb.admin('PUT', '/admin/faults', {});
  await t?.close();
  scratch?.cleanup();
});

const grace = { name: 'Grace Hopper', email: 'grace.hopper@example.org', phone: '+1 202 555 0147' };
const facts = ['Grace Hopper', 'grace.hopper@example.org', '12025550147', 'Hopper'];
const consent = { purpose: 'email_receipts', textVersion: CONSENT_TEXTS.email_receipts.version } as const;

async function call<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await t.core.registry.dispatch(channel, payload, trustedSender);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

async function open(): Promise<void> {
  scratch = tempDir('customers-sync');
  t = await syncTerminal(sb, { keychain: realKeychain('customers-sync') });
  await call('session.signIn', { staffId: t.staffId, pin: '482913' });
}

/** A cash sale with the customer attached before tender, as at the till. */
async function saleFor(customerId: string): Promise<SaleView> {
  // Opened at the first sale, after enrolling: an open queued before would hold up a re-enrollment.
  if (!t.core.register.shifts.current()) t.core.register.shifts.open(10_000, t.staffId);
  const added = t.core.register.cart.addProduct('MILK-1L', 2, t.staffId);
  if (added.outcome !== 'added') throw new Error(added.outcome);
  await call('customers.attach', { saleId: added.sale.saleId, customerId });
  const paid = await t.core.register.checkout.tender(added.sale.saleId, uuidv7(), cashTender(added.sale.cashDueMinor), t.staffId);
  return paid.sale;
}

const sandboxCustomer = (customerId: string) => sb.sandbox.services.customers.customer(sb.sandbox.services.defaultStore().id, customerId);

describe('customers reach the NoPOS API through the outbox', () => {
  it('attaches a new customer with consent to a sale, e-mails the receipt, and the API holds both', async () => {
    await open();
    const terminalId = await t.enroll();
    const customer = await call<CustomerSummary>('customers.create', { customer: grace, consents: [consent] });
    const sale = await saleFor(customer.id);
    const receiptNumber = sale.receipt!.receiptNumber;
    expect(await call('customers.emailReceipt', { receiptNumber })).toEqual({ queued: true, to: 'g•••@e•••.org' });
    await t.drained();
    expect(sandboxCustomer(customer.id)).toMatchObject({
      erasedAt: null,
      body: {
        customerId: customer.id,
        name: 'Grace Hopper',
        email: 'grace.hopper@example.org',
        phone: '+12025550147',
        saleClientIds: [sale.saleId],
        consents: [{ purpose: 'email_receipts', granted: true, staffId: t.staffId, textVersion: 'receipts-2026-12' }],
      },
    });
    const emails = sb.sandbox.services.customers.recentEmails().filter((e) => e.customerId === customer.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      terminalId,
      receiptNumber,
      to: 'grace.hopper@example.org',
      subject: `Your receipt ${receiptNumber} from Demo Store`,
    });
    expect(emails[0]!.text).toContain(receiptNumber);
    expect(emails[0]!.html).toContain('<!doctype html>');
  });

  it('refuses to e-mail without consent, and sends nothing when the consent is withdrawn before delivery', async () => {
    await open();
    await t.enroll();
    await sb.admin('PUT', '/admin/faults', { offline: true });
    const customer = await call<CustomerSummary>('customers.create', { customer: grace, consents: [] });
    const sale = await saleFor(customer.id);
    const receiptNumber = sale.receipt!.receiptNumber;
    await expect(call('customers.emailReceipt', { receiptNumber })).rejects.toThrow(/conflict .*not agreed/);
    await call('customers.giveConsent', { customerId: customer.id, ...consent });
    await call('customers.emailReceipt', { receiptNumber });
    await call('customers.withdrawConsent', { customerId: customer.id, purpose: 'email_receipts' });
    await sb.admin('PUT', '/admin/faults', {});
    await t.sync.engine.syncNow();
    await t.drained();
    expect(sb.sandbox.services.customers.recentEmails().filter((e) => e.customerId === customer.id)).toEqual([]);
    expect(t.storage.db.prepare("SELECT status FROM outbox WHERE kind = 'receipt.email'").all()).toEqual([{ status: 'sent' }]);
  });
});

describe('erasure', () => {
  it('removes the person from the database, WAL and logs, keeps the sale pseudonymised, and tells the API; nothing personal is sent after', async () => {
    await open();
    const terminalId = await t.enroll();
    await sb.admin('PUT', '/admin/faults', { offline: true });
    // Offline: the customer, the sale and an e-mail wait in the outbox when the erasure comes.
    const customer = await call<CustomerSummary>('customers.create', { customer: grace, consents: [consent] });
    const sale = await saleFor(customer.id);
    await call('customers.emailReceipt', { receiptNumber: sale.receipt!.receiptNumber });
    t.storage.appLog.write({ event: 'test.marker' });
    // The grep finds the person before erasure: the method can see what it looks for.
    expect(filesHolding(await bytesOnDisk(t.dir, t.keychain, scratch.dir), facts)).not.toEqual([]);

    // The policy's hold counts from the last sale: none here, so the erasure runs at once.
    t.storage.settings.update({ policies: { privacy: { erasureHoldDays: 0 } } }, t.staffId);
    const outcome = await call<ErasureOutcome>('customers.erase', { customerId: customer.id, confirm: true });
    expect(outcome).toMatchObject({ status: 'erased', customerId: customer.id });
    expect(filesHolding(await bytesOnDisk(t.dir, t.keychain, scratch.dir), facts)).toEqual([]);

    const link = t.storage.db.prepare('SELECT customer_ref FROM sale_customers WHERE sale_id = ?').get(sale.saleId) as {
      customer_ref: string;
    };
    expect(link.customer_ref).toMatch(/^erased-[0-9a-f]{24}$/);
    expect(t.storage.db.prepare('SELECT status, total_minor FROM sales WHERE id = ?').get(sale.saleId)).toEqual({
      status: 'completed',
      total_minor: sale.totals.totalMinor,
    });
    // A second erasure, and anything else about the erased customer, changes nothing.
    const before = t.storage.db.prepare('SELECT (SELECT count(*) FROM outbox) AS o, (SELECT count(*) FROM audit_log) AS a').get();
    await expect(call('customers.erase', { customerId: customer.id, confirm: true })).rejects.toThrow(/conflict .*already erased/);
    await expect(call('customers.summary', { customerId: customer.id })).rejects.toThrow(/not_found .*erased/);
    expect(t.storage.db.prepare('SELECT (SELECT count(*) FROM outbox) AS o, (SELECT count(*) FROM audit_log) AS a').get()).toEqual(before);

    await sb.admin('PUT', '/admin/faults', {});
    await t.sync.engine.syncNow();
    await t.drained();
    // The sale is delivered; the API learns of the erasure and never of the person.
    expect(sb.sandbox.services.ledger.transaction(terminalId, sale.saleId)).not.toBeNull();
    expect(sandboxCustomer(customer.id)).toMatchObject({ body: null, erasedAt: outcome.status === 'erased' ? outcome.erasedAt : '' });
    expect(sb.sandbox.services.customers.recentEmails().filter((e) => e.customerId === customer.id)).toEqual([]);
    const requests = JSON.stringify(sb.sandbox.services.db.prepare('SELECT * FROM idempotency').all()).toLowerCase();
    for (const fact of facts) expect(requests).not.toContain(fact.toLowerCase());
    expect(
      t.storage.db
        .prepare("SELECT action FROM audit_log WHERE action LIKE 'customer.%' ORDER BY seq")
        .all()
        .map((r) => (r as { action: string }).action),
    ).toEqual(['customer.created', 'customer.attached', 'customer.erased']);
  });

  it('erases an API-known customer there too, and an upsert arriving late does not bring them back', async () => {
    await open();
    await t.enroll();
    const customer = await call<CustomerSummary>('customers.create', { customer: grace, consents: [] });
    await t.drained();
    expect(sandboxCustomer(customer.id)?.body?.name).toBe('Grace Hopper');
    t.storage.settings.update({ policies: { privacy: { erasureHoldDays: 0 } } }, t.staffId);
    await call('customers.erase', { customerId: customer.id, confirm: true });
    await t.drained();
    expect(sandboxCustomer(customer.id)).toMatchObject({ body: null });
    const late = sb.sandbox.services.customers.upsert(sb.sandbox.services.defaultStore().id, {
      customerId: customer.id,
      name: 'Grace Hopper',
      email: null,
      phone: '+12025550147',
      consents: [],
      saleClientIds: [],
      updatedAt: new Date().toISOString(),
    });
    expect(late.erased).toBe(true);
    expect(sandboxCustomer(customer.id)?.body).toBeNull();
  });
});
