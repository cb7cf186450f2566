import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRows } from '../../../electron/main/catalog/import/check-rows';
import { readMachinePolicy } from '../../../electron/main/settings/policy-file';
import { barcodeSchema } from '../../../shared/domain/catalog';
import { CARD_NUMBER_MESSAGE } from '../../../shared/domain/free-text';
import { gtinCheckDigit } from '../../../shared/domain/gtin';
import { uuidv7 } from '../../../shared/domain/ids';
import { luhnValid } from '../../../shared/domain/card-data';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// The review's forms: plain, spaced, dashed, and track 2 as a card reader in keyboard mode types it.
const CARDS = ['4111111111111111', '4111 1111 1111 1111', '5555-5555-5555-4444', ';4242424242424242=2812101'];
const STAFF = 'st_aaaaaaaaaaaa';
const LINE = 'ln_aaaaaaaaaa';
/** The number alone, dashed: what a code field (barcode, SKU, receipt number) can hold. */
const codeOf = (x: string) => (/\d{4}[\d -]*\d/.exec(x)?.[0] ?? x).replace(/ /g, '-');

/** Every free-text field of the contract, as the call that carries it, with `x` in that field. */
const FIELDS: [string, (x: string) => unknown][] = [
  ['settings.update', (x) => ({ store: { name: x } })],
  ['settings.update', (x) => ({ store: { address: `Main street 1, ${x}` } })],
  ['settings.update', (x) => ({ terminal: { name: x } })],
  ['staff.setupFirstAdmin', (x) => ({ name: x, pin: '482913' })],
  ['staff.create', (x) => ({ name: `Ann ${x}`, role: 'cashier', pin: '482913' })],
  ['staff.update', (x) => ({ id: STAFF, name: x })],
  ['catalog.search', (x) => ({ query: x })],
  ['catalog.browse', (x) => ({ group: x })],
  ['sales.addByBarcode', (x) => ({ code: codeOf(x) })],
  ['sales.addProduct', (x) => ({ productId: codeOf(x) })],
  ['sales.discountLine', (x) => ({ lineId: LINE, discount: { kind: 'percent', basisPoints: 500, reason: `ok ${x}` } })],
  ['sales.discountSale', (x) => ({ discount: { kind: 'amount', amountMinor: 100, reason: x } })],
  ['sales.park', (x) => ({ note: x })],
  ['sales.void', (x) => ({ voidId: uuidv7(), saleId: uuidv7(), reason: `paid ${x}` })],
  ['refunds.issue', (x) => ({ refundId: uuidv7(), originalSaleId: uuidv7(), lines: [{ lineId: LINE, quantity: 1 }], reason: x })],
  ['refunds.lookup', (x) => ({ receiptNumber: `${codeOf(x)}-1` })],
  ['shifts.cashMovement', (x) => ({ movementId: uuidv7(), kind: 'paid_out', amountMinor: 100, reason: x })],
  ['sync.resolve', (x) => ({ id: 1, resolution: `card was ${x}` })],
  ['payments.resolveDeclined', (x) => ({ entryId: 1, resolution: { kind: 'written_off', reason: x } })],
  ['payments.resolveDeclined', (x) => ({ entryId: 1, resolution: { kind: 'other_tender', method: 'cash', amountMinor: 100, note: x } })],
  ['approvals.grant', (x) => ({ approverId: STAFF, pin: '205837', channel: 'sales.void', request: { reason: x } })],
];

let t: TerminalFixture;
beforeAll(async () => {
  t = await terminalFixture();
});
afterAll(() => t.close());

describe('card numbers typed into free text are refused at the contract (they were stored, printed, exported, then blocked sync)', () => {
  it.each(FIELDS.map(([channel, build], i) => [`${channel} #${i}`, channel, build] as const))(
    '%s refuses a card number and nothing changes',
    async (_name, channel, build) => {
      const before = t.storage.db.prepare('SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM outbox) AS n').get();
      for (const card of CARDS) {
        const payload = build(card);
        const result = await t.call(channel, payload);
        expect({ card, result }).toMatchObject({ card, result: { ok: false, error: { code: 'invalid_request' } } });
        if (!result.ok) expect(result.error.message).toContain(CARD_NUMBER_MESSAGE);
      }
      expect(t.storage.db.prepare('SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM outbox) AS n').get()).toEqual(before);
      // The same call with ordinary text is not refused for card data: the refusal is the card number's.
      const plain = await t.call(channel, build('4111 1111'));
      if (!plain.ok) expect(plain.error.message).not.toContain(CARD_NUMBER_MESSAGE);
    },
  );

  it('barcodes keep working: EAN-13 and GTIN-14 pass, as at the API, even when a GTIN-14 is also Luhn-valid', () => {
    let gtin14 = '';
    for (let n = 40000000000000; !gtin14; n += 10) {
      const candidate = `${String(n).slice(0, 13)}${gtinCheckDigit(String(n).slice(0, 13))}`;
      if (luhnValid(candidate)) gtin14 = candidate;
    }
    for (const code of ['4006381333931', '10012345678902', gtin14, '96385074']) expect(barcodeSchema.safeParse(code).success).toBe(true);
    expect(barcodeSchema.safeParse('4111111111111111').success).toBe(false);
  });

  it('the catalog import refuses a row with a card number in its name, SKU, group or barcode, naming the line only', () => {
    const good = {
      sku: 'BREAD',
      name: 'Bread',
      group: 'Bakery',
      priceMinor: 119,
      taxCategoryId: 'food',
      soldBy: 'unit',
      barcodes: [],
      active: true,
    };
    const rows = [
      { line: 2, input: { ...good, name: 'Bread 4111 1111 1111 1111' } },
      { line: 3, input: { ...good, sku: '4111111111111111' } },
      { line: 4, input: { ...good, group: '5555-5555-5555-4444' } },
      { line: 5, input: { ...good, barcodes: ['4111111111111111'] } },
      { line: 6, input: good },
    ];
    const { accepted, errors } = checkRows(rows, { taxCategoryIds: new Set(['food']), barcodeOwner: () => null });
    expect(accepted.map((p) => p.sku)).toEqual(['BREAD']);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    for (const error of errors) expect(error.message).toContain(CARD_NUMBER_MESSAGE);
    expect(JSON.stringify(errors)).not.toMatch(/4111|5555/);
  });

  it('the policy file refuses a card number in a store or terminal name and never echoes it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'policy-card-'));
    try {
      const file = path.join(dir, 'policy.json');
      writeFileSync(file, JSON.stringify({ store: { address: 'Till 4111-1111-1111-1111' } }));
      expect(() => readMachinePolicy(file)).toThrow(/store\.address.*card number/);
      expect(() => readMachinePolicy(file)).not.toThrow(/4111/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
