import { describe, expect, it } from 'vitest';
import { CustomerExport, type CustomerExportDeps } from '../../../electron/main/customers/customer-export';
import {
  CONSENT_PURPOSES,
  CONSENT_TEXT_VERSIONS,
  CONSENT_TEXTS,
  consentVersionSchema,
  consentWording,
  type ConsentRecord,
  type ConsentTextTable,
  type CustomerRecord,
} from '../../../shared/domain/customer';

const ID = '01937b2e-0000-7000-8000-000000000001';

function exporterWith(history: ConsentRecord[], consentTexts: ConsentTextTable) {
  const record: CustomerRecord = {
    id: ID,
    name: 'Ada',
    email: 'ada@example.com',
    phone: null,
    createdAt: '2026-01-02T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    consents: { email_receipts: true, marketing: false },
    consentHistory: history,
    sales: 0,
    erasureDueAt: null,
  };
  const deps = {
    db: { prepare: () => ({ all: () => [] }) },
    now: () => new Date('2026-12-04T10:00:00.000Z'),
    audit: { record: () => undefined },
    customers: { sales: () => [] },
    service: { record: () => record },
    destination: null,
    controller: () => ({ store: 'Corner Shop', terminal: 'till-1' }),
    consentTexts,
  } as unknown as CustomerExportDeps;
  return new CustomerExport(deps);
}

describe('consent text versions', () => {
  it('keeps every version once, in the shared format, with the current text the latest of each purpose', () => {
    for (const purpose of CONSENT_PURPOSES) {
      const versions = CONSENT_TEXT_VERSIONS[purpose];
      expect(versions.length).toBeGreaterThan(0);
      expect(new Set(versions.map((v) => v.version)).size).toBe(versions.length);
      for (const v of versions) expect(consentVersionSchema.safeParse(v.version).success, v.version).toBe(true);
      expect(CONSENT_TEXTS[purpose]).toEqual(versions.at(-1));
      expect(consentWording(purpose, CONSENT_TEXTS[purpose].version)).toBe(CONSENT_TEXTS[purpose].text);
    }
    expect(consentWording('marketing', 'marketing-1999-01')).toBeNull();
    expect(consentWording('marketing', CONSENT_TEXTS.email_receipts.version)).toBeNull();
  });

  it('exports each consent with the wording of the version the customer agreed to, not only the current one', () => {
    const table: ConsentTextTable = {
      email_receipts: [
        { version: 'receipts-2025-03', text: 'Old wording: e-mail my receipts.' },
        { version: 'receipts-2026-12', text: 'New wording: e-mail my receipts until I withdraw.' },
      ],
      marketing: [{ version: 'marketing-2026-12', text: 'Offers by e-mail.' }],
    };
    const history: ConsentRecord[] = [
      { purpose: 'email_receipts', granted: true, at: '2025-04-01T10:00:00.000Z', staffId: 's1', textVersion: 'receipts-2025-03' },
      { purpose: 'email_receipts', granted: true, at: '2026-12-02T10:00:00.000Z', staffId: 's1', textVersion: 'receipts-2026-12' },
      { purpose: 'marketing', granted: true, at: '2026-12-02T10:00:00.000Z', staffId: 's1', textVersion: 'marketing-2020-01' },
    ];
    const consents = exporterWith(history, table).facts(ID).consents;
    expect(consents.map((c) => c.text)).toEqual([
      'Old wording: e-mail my receipts.',
      'New wording: e-mail my receipts until I withdraw.',
      null,
    ]);
  });

  it('exports with the shared table by default', () => {
    const history: ConsentRecord[] = [
      { purpose: 'marketing', granted: true, at: '2026-12-02T10:00:00.000Z', staffId: 's1', textVersion: CONSENT_TEXTS.marketing.version },
    ];
    const exporter = exporterWith(history, undefined as unknown as ConsentTextTable);
    expect(exporter.facts(ID).consents[0]?.text).toBe(CONSENT_TEXTS.marketing.text);
  });
});
