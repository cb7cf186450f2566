import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PAYMENT_TOKENS, type PaymentRequest } from '../../../shared/api/payments';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import type { CardReader } from '../../../electron/main/devices/card-reader';
import { guardedReader } from '../../../electron/main/devices/card-reader';
import type { SelectedCardReader } from '../../../electron/main/devices/card-reader-selection';
import { SimulatedCardReader } from '../../../electron/main/devices/simulated-card-reader';
import { passesLuhn } from '../../../electron/main/logging/redact';
import type { AuthorizeOutcome, PaymentGateway } from '../../../electron/main/payments/payment-gateway';
import { startSale } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

/** Raw card data as this test looks for it: Luhn-valid 13–19 digit numbers (plain or grouped), and CVV-like fields. */
const NUMBER = /(?<![0-9A-Za-z])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])/g;
const CARD_FIELD = /^(?:cvv2?|cvc2?|csc|cid|pan|card_?number|cardnumber|track_?[12]?|expiry|exp_?date)$/i;

function cardDataIn(text: string): string[] {
  const found = [...text.matchAll(NUMBER)].map((m) => m[0].replace(/[ -]/g, '')).filter((digits) => passesLuhn(digits));
  for (const key of text.matchAll(/"([A-Za-z_0-9]+)"\s*:/g)) if (CARD_FIELD.test(key[1] ?? '')) found.push(`field ${key[1]}`);
  return found;
}

const PANS = ['4242424242424242', '5555 5555 5555 4444', '378282246310005', '4000-0566-5566-5556', '4222222222222'];

/** A faulty or hostile driver: tries every way of handing raw card data to the app, one per read. */
class LeakyReader implements CardReader {
  readonly kind = 'hardware' as const;
  readonly name = 'leaky';
  private turn = 0;
  read(): Promise<never> {
    const pan = PANS[this.turn % PANS.length] as string;
    const attempts = [
      { outcome: 'read', token: `tok_${pan.replace(/\D/g, '')}`, card: { brand: 'visa', last4: '4242', entryMode: 'chip' } },
      { outcome: 'read', token: 'tok_test_approve', pan, card: { brand: 'visa', last4: '4242', entryMode: 'chip' } },
      { outcome: 'read', token: 'tok_test_approve', card: { brand: 'visa', last4: '4242', entryMode: 'chip', cvv: '123' } },
      { outcome: 'read', token: 'tok_test_approve', card: { brand: 'visa', last4: pan, entryMode: 'swipe' } },
      {
        outcome: 'read',
        token: 'tok_test_approve',
        card: { brand: 'visa', last4: '4242', entryMode: 'swipe' },
        track2: `;${pan}=3012101?`,
      },
    ];
    const answer = attempts[this.turn % attempts.length];
    this.turn++;
    return Promise.resolve(answer as never);
  }
}

class Gateway implements PaymentGateway {
  online = true;
  readonly seen: PaymentRequest[] = [];
  authorize(request: PaymentRequest): Promise<AuthorizeOutcome> {
    this.seen.push(request);
    if (!this.online) return Promise.resolve({ outcome: 'offline', mayHaveReached: false });
    return Promise.resolve(
      request.paymentToken === TEST_PAYMENT_TOKENS.decline ? { outcome: 'declined', code: 'card_declined' } : { outcome: 'approved' },
    );
  }
  lookup = () => Promise.resolve({ outcome: 'unreachable' as const });
  reverse = () => Promise.resolve({ outcome: 'unreachable' as const });
}

let t: TerminalFixture;
let device: SelectedCardReader & { leaky: boolean };
let gateway: Gateway;
const responses: unknown[] = [];
const call = async (channel: string, payload?: unknown) => {
  const result = await t.call(channel, payload);
  responses.push(result);
  return result;
};

beforeEach(async () => {
  const simulated = new SimulatedCardReader();
  const leaky = guardedReader(new LeakyReader());
  const safe = guardedReader(simulated);
  device = {
    leaky: false,
    simulated,
    reader: { kind: 'simulated', name: 'switchable', read: (r) => (device.leaky ? leaky.read(r) : safe.read(r)) },
  };
  gateway = new Gateway();
  t = await terminalFixture({ cardReader: device, paymentGateway: gateway });
  const cashier = await t.addStaff('Cass', 'cashier', '482913');
  expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
});
afterEach(() => t.close());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every table but the catalog's, whose barcodes (EAN-13, GTIN-14) are digit runs that may pass Luhn by chance. */
function everyDatabaseValue(): string {
  const tables = (t.storage.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
    .map((r) => r.name)
    .filter((name) => !/^(products|product_barcodes|products_fts.*|tax_categories|catalog_meta)$/.test(name));
  expect(tables).toEqual(expect.arrayContaining(['sales', 'payments', 'outbox', 'audit_log']));
  return tables.map((name) => JSON.stringify(t.storage.db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

describe('raw card data never reaches the database, the logs or an IPC response', () => {
  it('the detector used here finds what it must (so the checks below can fail)', () => {
    for (const pan of PANS) expect(cardDataIn(JSON.stringify({ note: `paid with ${pan}` }))).not.toEqual([]);
    expect(cardDataIn('{"cvv":"123"}')).toEqual(['field cvv']);
    expect(cardDataIn(JSON.stringify({ token: 'tok_test_approve', last4: '4242', barcode: '4006381333931' }))).toEqual([]);
  });

  it('after card payments online, offline, declined and split, and a reader that tries to leak card data', async () => {
    const sell = async (cardId: string, extra: object = {}): Promise<SaleView> => {
      const sale = await startSale(t, '96385074');
      await call('payments.selectTestCard', { cardId });
      await call('sales.tenderCard', { saleId: sale.saleId, paymentId: uuidv7(), ...extra });
      return sale;
    };
    await sell('approve');
    const declined = await sell('decline');
    await call('payments.selectTestCard', { cardId: 'approve' });
    await call('sales.tenderCard', { saleId: declined.saleId, paymentId: uuidv7(), amountMinor: 400 });
    await call('sales.tenderCash', { saleId: declined.saleId, paymentId: uuidv7(), givenMinor: 1_000 });
    gateway.online = false;
    await sell('decline_after_forward');
    await sell('approve', { policy: 'force_offline' });

    device.leaky = true;
    const victim = await startSale(t, '96385074');
    for (let i = 0; i < 5; i++) {
      const result = await call('sales.tenderCard', { saleId: victim.saleId, paymentId: uuidv7() });
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    device.leaky = false;
    await call('sales.current');
    await call('sales.recent', { limit: 20 });
    await call('payments.offlineStatus');

    // The leaky reader's answers never got as far as the API either.
    expect(gateway.seen.map((r) => r.paymentToken)).not.toContain(expect.stringMatching(/\d{13}/));
    expect(cardDataIn(JSON.stringify(gateway.seen))).toEqual([]);
    expect(cardDataIn(JSON.stringify(responses))).toEqual([]);
    const stored = everyDatabaseValue();
    expect(stored).toContain(TEST_PAYMENT_TOKENS.declineAfterForward); // the check did look at the payments
    expect(cardDataIn(stored)).toEqual([]);
    const logs = filesUnder(t.dir).filter((file) => !/\.(db|sqlite)(-wal|-shm)?$/.test(file) && !file.endsWith('policy.json'));
    expect(logs.length).toBeGreaterThan(0);
    for (const file of logs) expect({ file, found: cardDataIn(readFileSync(file, 'utf8')) }).toEqual({ file, found: [] });
  });
});
