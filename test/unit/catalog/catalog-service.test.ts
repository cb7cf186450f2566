import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogChangeError } from '../../../electron/main/catalog/catalog-errors';
import { catalogScratch, product, TAX, type CatalogScratch } from '../../support/catalog';

let s: CatalogScratch;
beforeEach(async () => {
  s = await catalogScratch();
});
afterEach(() => s.cleanup());

/** Everything a batch could touch, to prove a refused one touched nothing. */
const snapshot = () => ({
  info: s.catalog.info(),
  products: s.db.prepare('SELECT * FROM products ORDER BY id').all(),
  barcodes: s.db.prepare('SELECT * FROM product_barcodes ORDER BY code').all(),
  tax: s.db.prepare('SELECT * FROM tax_categories ORDER BY id').all(),
  fts: s.db.prepare("SELECT rowid FROM products_fts WHERE products_fts MATCH 'product*' ORDER BY rowid").all(),
  audit: s.audit.verify().entries,
});

function refusal(run: () => unknown): CatalogChangeError {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogChangeError) return error;
    throw error;
  }
  throw new Error('expected a CatalogChangeError');
}

function seed() {
  return s.catalog.applyChanges(
    {
      taxCategories: TAX,
      upsert: [
        product('MILK', { name: 'Whole milk', group: 'Dairy', barcodes: ['036000291452'] }),
        product('BREAD', { name: 'Baguette', group: 'Bakery', barcodes: ['4006381333931', 'bak-0001'] }),
        product('APPLE', { name: 'Apples', group: 'Produce', soldBy: 'weight', priceMinor: 289, barcodes: ['4133'] }),
        product('OLD', { name: 'Old stock', group: 'Dairy', active: false, barcodes: ['96385074'] }),
      ],
    },
    'api',
  );
}

describe('applyChanges', () => {
  it('applies a batch, bumps the version and reports what the catalog holds', () => {
    expect(s.catalog.info()).toMatchObject({ version: 0, productCount: 0, source: 'empty', currency: 'EUR' });
    expect(seed()).toBe(1);
    expect(s.catalog.info()).toEqual({
      version: 1,
      productCount: 4,
      activeCount: 3,
      currency: 'EUR',
      source: 'api',
      groups: ['Bakery', 'Dairy', 'Produce'],
      taxCategories: [TAX[0], TAX[1]],
    });
    expect(s.catalog.applyChanges({ upsert: [product('MILK', { name: 'Whole milk 1 l', priceMinor: 119 })] }, 'api')).toBe(2);
    expect(s.catalog.get('MILK')).toMatchObject({ name: 'Whole milk 1 l', priceMinor: 119, barcodes: [] });
    expect(s.catalog.applyChanges({ remove: ['APPLE', 'NOT-THERE'] }, 'api')).toBe(3);
    expect(s.catalog.get('APPLE')).toBeNull();
    expect(s.catalog.findByBarcode('4133')).toBeNull();
  });

  it.each([
    ['an unknown tax category', 'unknown_tax_category', () => [product('NEW1'), product('NEW2', { taxCategoryId: 'luxury' })]],
    [
      'a barcode another product holds',
      'barcode_taken',
      () => [product('NEW1', { barcodes: ['5901234123457'] }), product('NEW2', { barcodes: ['04006381333931'] })],
    ],
    ['the same SKU twice', 'duplicate_sku', () => [product('NEW1'), product('NEW1', { name: 'again' })]],
    [
      'a barcode claimed twice in the batch',
      'barcode_taken',
      () => [product('NEW1', { barcodes: ['5901234123457'] }), product('NEW2', { barcodes: ['5901234123457'] })],
    ],
  ])('refuses a batch with %s and changes nothing', (_why, reason, upsert) => {
    seed();
    const before = snapshot();
    const error = refusal(() =>
      s.catalog.applyChanges(
        {
          taxCategories: [{ id: 'food', name: 'Food renamed', rateBp: 700 }],
          upsert: [product('MILK', { name: 'Changed' }), ...upsert()],
          remove: ['APPLE'],
        },
        'api',
      ),
    );
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('conflict');
    expect(snapshot()).toEqual(before);
  });

  it('refuses an invalid batch before touching anything', () => {
    seed();
    const before = snapshot();
    const bad = [
      { upsert: [product('X', { priceMinor: 0 })] },
      { upsert: [product('X', { priceMinor: 12.5 })] },
      { upsert: [product('X', { barcodes: ['4006381333932'] })] },
      { upsert: [{ ...product('X'), extra: true }] },
      { remove: ['no spaces allowed'] },
      'not a batch',
    ];
    for (const changes of bad) {
      const error = refusal(() => s.catalog.applyChanges(changes as never, 'api'));
      expect(error).toMatchObject({ reason: 'invalid_changes', code: 'invalid_request' });
    }
    expect(refusal(() => s.catalog.applyChanges({ upsert: [product('X', { barcodes: ['4006381333932'] })] }, 'api')).message).toMatch(
      /upsert\.0\.barcodes\.0/,
    );
    expect(snapshot()).toEqual(before);
  });

  it('lets a barcode move between two products in one batch', () => {
    seed();
    s.catalog.applyChanges({ upsert: [product('NEWMILK', { barcodes: ['036000291452'] }), product('MILK', { barcodes: [] })] }, 'api');
    expect(s.catalog.findByBarcode('036000291452')?.sku).toBe('NEWMILK');
  });

  it('refuses a batch based on an older version, and takes one based on the current version', () => {
    seed();
    expect(refusal(() => s.catalog.applyChanges({ baseVersion: 0, remove: ['MILK'] }, 'api')).reason).toBe('stale_version');
    expect(s.catalog.applyChanges({ baseVersion: 1, remove: ['MILK'] }, 'api')).toBe(2);
  });

  it('refuses prices in a new store currency over a catalog priced in the old one', () => {
    seed();
    s.store.currency = 'USD';
    expect(refusal(() => s.catalog.applyChanges({ upsert: [product('NEW')] }, 'api')).reason).toBe('currency_mismatch');
    expect(s.catalog.get('MILK')?.currency).toBe('EUR');
    s.catalog.clear('st_admin');
    expect(s.catalog.applyChanges({ upsert: [product('NEW')] }, 'api')).toBe(3);
    expect(s.catalog.get('NEW')?.currency).toBe('USD');
  });
});

describe('lookups', () => {
  beforeEach(() => void seed());

  it('finds a product by any length of its GTIN, and by internal codes in any case', () => {
    const milk = { sku: 'MILK', currency: 'EUR', taxRateBp: 550, barcodes: ['036000291452'] };
    expect(s.catalog.findByBarcode('036000291452')).toMatchObject(milk);
    expect(s.catalog.findByBarcode('0036000291452')).toMatchObject(milk);
    expect(s.catalog.findByBarcode('00036000291452')).toMatchObject(milk);
    expect(s.catalog.findByBarcode(' BAK-0001 ')).toMatchObject({ sku: 'BREAD' });
    expect(s.catalog.findByBarcode('Bak-0001')).toMatchObject({ sku: 'BREAD' });
    expect(s.catalog.get('BREAD')?.barcodes.sort()).toEqual(['4006381333931', 'bak-0001']);
  });

  it('finds nothing for unknown, malformed or wrong-check-digit codes', () => {
    for (const code of ['4006381333932', '5901234123457', '', 'x', '1'.repeat(100), "'; DROP TABLE products; --"])
      expect(s.catalog.findByBarcode(code)).toBeNull();
  });

  it('finds a barcode typed in full in search first, by the same check-digit rules as a scan (issue 15, item 4)', () => {
    expect(s.catalog.search('036000291452').map((p) => p.sku)).toEqual(['MILK']);
    expect(s.catalog.search('0036000291452')[0]?.sku).toBe('MILK');
    expect(s.catalog.search('bak-0001')[0]?.sku).toBe('BREAD');
    expect(s.catalog.search('036000291453')).toEqual([]);
    expect(s.catalog.search('4006381333932')).toEqual([]);
  });

  it('returns inactive products by barcode and id (the sale refuses them) but never in search or browse', () => {
    expect(s.catalog.findByBarcode('96385074')).toMatchObject({ sku: 'OLD', active: false });
    expect(s.catalog.search('old')).toEqual([]);
    expect(s.catalog.search('96385074')).toEqual([]);
    expect(s.catalog.browse('Dairy').map((p) => p.sku)).toEqual(['MILK']);
  });

  it('browses a group in name order, page by page', () => {
    s.catalog.applyChanges(
      { upsert: ['Cheddar', 'Brie', 'Yoghurt', 'Butter'].map((name, i) => product(`D${i}`, { name, group: 'Dairy' })) },
      'api',
    );
    expect(s.catalog.browse('Dairy').map((p) => p.name)).toEqual(['Brie', 'Butter', 'Cheddar', 'Whole milk', 'Yoghurt']);
    expect(s.catalog.browse('Dairy', 2, 2).map((p) => p.name)).toEqual(['Cheddar', 'Whole milk']);
    expect(s.catalog.browse('Nothing here')).toEqual([]);
  });
});

describe('demo catalog, clear and audit', () => {
  it('loads a few hundred products on a new catalog, once', () => {
    expect(s.catalog.ensureInitialized()).toBe(true);
    const info = s.catalog.info();
    expect(info).toMatchObject({ version: 1, source: 'demo', currency: 'EUR' });
    expect(info.productCount).toBeGreaterThanOrEqual(200);
    expect(info.groups.length).toBeGreaterThanOrEqual(8);
    expect(new Set(info.taxCategories.map((c) => c.rateBp)).size).toBeGreaterThanOrEqual(3);
    expect(s.audit.verify().entries).toBe(0);
    s.catalog.clear('st_admin');
    expect(s.catalog.ensureInitialized()).toBe(false);
    expect(s.catalog.info()).toMatchObject({ productCount: 0, source: 'empty', version: 2 });
  });

  it('has weighed goods, GTINs that all check, internal codes, and a deterministic content', async () => {
    s.catalog.loadDemo('st_admin');
    const rows = s.db.prepare('SELECT code, entered FROM product_barcodes').all() as { code: string; entered: string }[];
    const gtins = rows.filter((r) => /^\d{8}$|^\d{12,14}$/.test(r.entered));
    expect(gtins.length).toBeGreaterThan(150);
    expect(rows.some((r) => /[A-Z]/.test(r.entered))).toBe(true);
    expect(s.catalog.search('banana')[0]).toMatchObject({ soldBy: 'weight', barcodes: ['4011'] });
    const other = await catalogScratch();
    other.catalog.loadDemo(null);
    expect(other.db.prepare('SELECT sku, name, price_minor FROM products ORDER BY sku').all()).toEqual(
      s.db.prepare('SELECT sku, name, price_minor FROM products ORDER BY sku').all(),
    );
    other.cleanup();
  });

  it('prices the demo in the store currency minor unit', async () => {
    const yen = await catalogScratch('JPY');
    yen.catalog.loadDemo(null);
    expect(yen.catalog.get('DRK-001')).toMatchObject({ currency: 'JPY', priceMinor: 45 });
    expect(s.catalog.loadDemo(null) && s.catalog.get('DRK-001')).toMatchObject({ currency: 'EUR', priceMinor: 45 });
    yen.cleanup();
  });

  it('clears and reloads, auditing who did it', () => {
    s.catalog.ensureInitialized();
    expect(s.catalog.clear('st_admin')).toMatchObject({ productCount: 0, source: 'empty' });
    expect(s.catalog.findByBarcode('4011')).toBeNull();
    expect(s.db.prepare('SELECT count(*) AS n FROM products_fts').get()).toEqual({ n: 0 });
    expect(s.catalog.loadDemo('st_admin').productCount).toBeGreaterThan(200);
    expect(s.db.prepare('SELECT action, actor_id AS actor, details_json AS details FROM audit_log ORDER BY seq').all()).toEqual([
      { action: 'catalog.cleared', actor: 'st_admin', details: expect.stringMatching(/"removed":2\d\d/) },
      { action: 'catalog.imported', actor: 'st_admin', details: expect.stringMatching(/"source":"demo"/) },
    ]);
    expect(s.audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });
});
