import type { ProductInput, SoldBy, TaxCategory } from '../../../shared/domain/catalog';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../storage/db';

export type CatalogSource = 'empty' | 'demo' | 'import' | 'api';

export interface CatalogMeta {
  version: number;
  currency: string;
  source: CatalogSource;
}

/** A product as stored, before the service adds the catalog's currency. */
export interface ProductRecord {
  sku: string;
  name: string;
  group: string;
  priceMinor: number;
  taxCategoryId: string;
  taxRateBp: number;
  soldBy: SoldBy;
  active: boolean;
  barcodes: string[];
}

interface ProductRow {
  sku: string;
  name: string;
  grp: string;
  price_minor: number;
  tax_category_id: string;
  rate_bp: number;
  sold_by: SoldBy;
  active: number;
  barcodes: string | null;
}

/** Stored barcodes are letters, digits and dashes only, so a space separates them safely. */
const PRODUCT_COLUMNS = `p.sku, p.name, p.grp, p.price_minor, p.tax_category_id, t.rate_bp, p.sold_by, p.active,
  (SELECT group_concat(b.entered, ' ') FROM product_barcodes b WHERE b.product_id = p.id) AS barcodes`;
const FROM_PRODUCTS = 'products p JOIN tax_categories t ON t.id = p.tax_category_id';

function toRecord(row: ProductRow): ProductRecord {
  return {
    sku: row.sku,
    name: row.name,
    group: row.grp,
    priceMinor: row.price_minor,
    taxCategoryId: row.tax_category_id,
    taxRateBp: row.rate_bp,
    soldBy: row.sold_by,
    active: row.active === 1,
    barcodes: row.barcodes ? row.barcodes.split(' ') : [],
  };
}

/** Every statement, by name; exported so tests can check the hot ones' query plans. */
export const CATALOG_SQL = {
  meta: 'SELECT version, currency, source FROM catalog_meta WHERE id = 1',
  setMeta:
    'INSERT INTO catalog_meta (id, version, currency, source) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, currency = excluded.currency, source = excluded.source',
  taxCategories: 'SELECT id, name, rate_bp AS rateBp FROM tax_categories ORDER BY rate_bp DESC, id',
  upsertTax:
    'INSERT INTO tax_categories (id, name, rate_bp) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, rate_bp = excluded.rate_bp',
  upsertProduct: `INSERT INTO products (sku, name, grp, price_minor, tax_category_id, sold_by, active) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (sku) DO UPDATE SET name = excluded.name, grp = excluded.grp, price_minor = excluded.price_minor,
      tax_category_id = excluded.tax_category_id, sold_by = excluded.sold_by, active = excluded.active
    RETURNING id`,
  deleteBarcodes: 'DELETE FROM product_barcodes WHERE product_id = ?',
  barcodeOwner: 'SELECT p.sku FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?',
  insertBarcode: 'INSERT INTO product_barcodes (code, product_id, entered) VALUES (?, ?, ?)',
  removeProduct: 'DELETE FROM products WHERE sku = ?',
  removeAll: 'DELETE FROM products',
  maxId: 'SELECT coalesce(max(id), 0) FROM products',
  byCode: `SELECT ${PRODUCT_COLUMNS} FROM ${FROM_PRODUCTS} WHERE p.id = (SELECT product_id FROM product_barcodes WHERE code = ?)`,
  bySku: `SELECT ${PRODUCT_COLUMNS} FROM ${FROM_PRODUCTS} WHERE p.sku = ?`,
  search: `SELECT ${PRODUCT_COLUMNS} FROM products_fts f JOIN products p ON p.id = f.rowid JOIN tax_categories t ON t.id = p.tax_category_id
    WHERE products_fts MATCH ? AND p.active = 1 ORDER BY f.rank LIMIT ?`,
  browse: `SELECT ${PRODUCT_COLUMNS} FROM ${FROM_PRODUCTS} WHERE p.grp = ? AND p.active = 1 ORDER BY p.name LIMIT ? OFFSET ?`,
  counts: 'SELECT count(*) AS products, coalesce(sum(active), 0) AS active FROM products',
  groups: 'SELECT DISTINCT grp FROM products WHERE active = 1 ORDER BY grp',
} as const;

type StatementName = keyof typeof CATALOG_SQL;
const SINGLE_COLUMN = new Set<StatementName>(['barcodeOwner', 'groups', 'maxId']);

/**
 * The catalog's SQL (migration 0004), every statement prepared once. Reads here are the hot path of a
 * scan; writes are only ever called by the service inside its batch transaction.
 */
export class CatalogRepository {
  private readonly s: Record<StatementName, Statement>;

  constructor(db: Db) {
    this.s = Object.fromEntries(
      Object.entries(CATALOG_SQL).map(([name, sql]) => {
        const statement = db.prepare(sql);
        return [name, SINGLE_COLUMN.has(name as StatementName) ? statement.pluck() : statement];
      }),
    ) as Record<StatementName, Statement>;
  }

  meta(): CatalogMeta | null {
    return (this.s.meta.get() as CatalogMeta | undefined) ?? null;
  }

  setMeta(meta: CatalogMeta): void {
    this.s.setMeta.run(meta.version, meta.currency, meta.source);
  }

  taxCategories(): TaxCategory[] {
    return this.s.taxCategories.all() as TaxCategory[];
  }

  upsertTaxCategory(category: TaxCategory): void {
    this.s.upsertTax.run(category.id, category.name, category.rateBp);
  }

  /** Inserts or updates by SKU and returns the row id; the product keeps its row id (and FTS entry) on update. */
  upsertProduct(product: Required<ProductInput>): number {
    const row = this.s.upsertProduct.get(
      product.sku,
      product.name,
      product.group,
      product.priceMinor,
      product.taxCategoryId,
      product.soldBy,
      product.active ? 1 : 0,
    ) as { id: number };
    return row.id;
  }

  /** Row ids are never below this for products inserted from now on (SQLite takes max + 1). */
  maxProductId(): number {
    return this.s.maxId.get() as number;
  }

  deleteBarcodesOf(productId: number): void {
    this.s.deleteBarcodes.run(productId);
  }

  /** The SKU of the product holding a normalized code, if any. */
  barcodeOwner(code: string): string | null {
    return (this.s.barcodeOwner.get(code) as string | undefined) ?? null;
  }

  insertBarcode(code: string, productId: number, entered: string): void {
    this.s.insertBarcode.run(code, productId, entered);
  }

  removeProduct(sku: string): boolean {
    return this.s.removeProduct.run(sku).changes > 0;
  }

  /** Barcodes go with their products (ON DELETE CASCADE), the FTS index with its triggers. */
  removeAllProducts(): number {
    return this.s.removeAll.run().changes;
  }

  findByCode(normalizedCode: string): ProductRecord | null {
    const row = this.s.byCode.get(normalizedCode) as ProductRow | undefined;
    return row ? toRecord(row) : null;
  }

  getBySku(sku: string): ProductRecord | null {
    const row = this.s.bySku.get(sku) as ProductRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** `ftsQuery` must come from toFtsPrefixQuery: raw user text is FTS5 syntax. */
  search(ftsQuery: string, limit: number): ProductRecord[] {
    return (this.s.search.all(ftsQuery, limit) as ProductRow[]).map(toRecord);
  }

  browse(group: string, offset: number, limit: number): ProductRecord[] {
    return (this.s.browse.all(group, limit, offset) as ProductRow[]).map(toRecord);
  }

  counts(): { products: number; active: number } {
    return this.s.counts.get() as { products: number; active: number };
  }

  groups(): string[] {
    return this.s.groups.all() as string[];
  }
}
