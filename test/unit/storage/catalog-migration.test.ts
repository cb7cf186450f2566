import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_SQL } from '../../../electron/main/catalog/catalog-repository';
import { catalogScratch, product, TAX, type CatalogScratch } from '../../support/catalog';

// Migration 0004 and the query plans of the catalog's hot statements (architecture note 8): a scan
// must be an index lookup, never a scan of the products.

let s: CatalogScratch;
beforeAll(async () => {
  s = await catalogScratch();
  s.catalog.applyChanges(
    { taxCategories: TAX, upsert: Array.from({ length: 50 }, (_, i) => product(`P${i}`, { barcodes: [`CODE${i}`], group: `G${i % 5}` })) },
    'api',
  );
  s.db.exec('ANALYZE');
});
afterAll(() => s.cleanup());

const plan = (sql: string, ...params: unknown[]) =>
  (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);

describe('migration 0004 (catalog)', () => {
  it('looks a barcode up through its primary key, and the product by its row id', () => {
    const detail = plan(CATALOG_SQL.byCode, '00036000291452');
    expect(detail).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/SEARCH product_barcodes USING PRIMARY KEY \(code=\?\)/),
        expect.stringMatching(/SEARCH p USING INTEGER PRIMARY KEY \(rowid=\?\)/),
      ]),
    );
    expect(detail.join('\n')).not.toMatch(/SCAN (p|products|product_barcodes)\b/);
    // The product's codes come from the covering index, without a second trip to the code table.
    expect(detail).toEqual(
      expect.arrayContaining([expect.stringMatching(/SEARCH b USING COVERING INDEX product_barcodes_product \(product_id=\?\)/)]),
    );
  });

  it('checks a barcode owner and a SKU through indexes', () => {
    expect(plan(CATALOG_SQL.barcodeOwner, 'X').join('\n')).toMatch(/SEARCH b USING PRIMARY KEY \(code=\?\)/);
    expect(plan(CATALOG_SQL.bySku, 'P1').join('\n')).toMatch(/SEARCH p USING INDEX sqlite_autoindex_products_1 \(sku=\?\)/);
  });

  it('browses a group through the partial index, already in name order', () => {
    const detail = plan(CATALOG_SQL.browse, 'G1', 48, 0).join('\n');
    expect(detail).toMatch(/SEARCH p USING INDEX products_browse \(grp=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('searches through the FTS index', () => {
    expect(plan(CATALOG_SQL.search, '"p"*', 20).join('\n')).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
  });

  it('keeps the FTS index in step with products, and refuses what the checks forbid', () => {
    const matches = (q: string) => (s.db.prepare('SELECT rowid FROM products_fts WHERE products_fts MATCH ?').all(q) as unknown[]).length;
    s.db.prepare("UPDATE products SET name = 'Renamed thing' WHERE sku = 'P1'").run();
    expect(matches('renamed')).toBe(1);
    s.db.prepare("DELETE FROM products WHERE sku = 'P1'").run();
    expect(matches('renamed')).toBe(0);
    expect(s.db.prepare("SELECT count(*) AS n FROM product_barcodes WHERE code = 'CODE1'").get()).toEqual({ n: 0 });
    const insert = s.db.prepare(
      "INSERT INTO products (sku, name, grp, price_minor, tax_category_id, sold_by) VALUES (?, 'n', 'g', ?, ?, ?)",
    );
    expect(() => insert.run('X1', 0, 'food', 'unit')).toThrow(/CHECK/);
    expect(() => insert.run('X2', 100, 'food', 'box')).toThrow(/CHECK/);
    expect(() => insert.run('X3', 100, 'nope', 'unit')).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('P2', 100, 'food', 'unit')).toThrow(/UNIQUE/);
    expect(() => s.db.prepare("INSERT INTO catalog_meta (id, version, currency, source) VALUES (2, 1, 'EUR', 'api')").run()).toThrow(
      /CHECK/,
    );
  });
});
