import type { Migration } from './types';

export const migration0004: Migration = {
  version: 4,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE tax_categories (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
      ) STRICT;

      -- An integer rowid (id) so the FTS index can point at rows; the SKU is the product's identity.
      -- Sales copy what they sell, so products can change or go without touching past sales.
      CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        sku TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        grp TEXT NOT NULL,
        price_minor INTEGER NOT NULL CHECK (price_minor > 0),
        tax_category_id TEXT NOT NULL REFERENCES tax_categories (id),
        sold_by TEXT NOT NULL CHECK (sold_by IN ('unit', 'weight')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT;
      -- The register's tiles: active products of one group in name order.
      CREATE INDEX products_browse ON products (grp, name) WHERE active = 1;

      -- code: GTINs as GTIN-14 (see shared/domain/gtin.ts), internal codes upper-cased, so a scan in any
      -- length finds the product; entered: the code as the catalog gave it, for display.
      CREATE TABLE product_barcodes (
        code TEXT PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        entered TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      -- Covering: a product's codes as entered are read from this index alone on every lookup.
      CREATE INDEX product_barcodes_product ON product_barcodes (product_id, entered);

      -- Prefix search as the cashier types, accents folded (remove_diacritics 2).
      CREATE VIRTUAL TABLE products_fts USING fts5(
        name, sku, content = 'products', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
      );
      CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
        INSERT INTO products_fts (rowid, name, sku) VALUES (new.id, new.name, new.sku);
      END;
      CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
        INSERT INTO products_fts (products_fts, rowid, name, sku) VALUES ('delete', old.id, old.name, old.sku);
      END;
      CREATE TRIGGER products_fts_update AFTER UPDATE OF name, sku ON products BEGIN
        INSERT INTO products_fts (products_fts, rowid, name, sku) VALUES ('delete', old.id, old.name, old.sku);
        INSERT INTO products_fts (rowid, name, sku) VALUES (new.id, new.name, new.sku);
      END;

      -- One row once the catalog was first set up (absent on a new terminal): its version, bumped by
      -- every applied batch, the currency its prices are in, and where the last batch came from.
      CREATE TABLE catalog_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL,
        currency TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('empty', 'demo', 'import', 'api'))
      ) STRICT;
    `);
  },
};
