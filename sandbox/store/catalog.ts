import type { z } from 'zod';
import type { productSchema, remoteStaffSchema, taxCategorySchema } from '../../shared/api/catalog';
import { nextSeq, type SandboxDb } from './database';
import { newId } from './ids';

type Product = z.input<typeof productSchema>;
type TaxCategory = z.input<typeof taxCategorySchema>;
type RemoteStaff = z.input<typeof remoteStaffSchema>;

const SEED_PRODUCTS: ReadonlyArray<[sku: string, barcode: string | null, name: string, priceMinor: number, tax: 'standard' | 'reduced']> = [
  ['COF-001', '4006381333931', 'Filter coffee', 250, 'reduced'],
  ['COF-002', '4006381333948', 'Cappuccino', 340, 'reduced'],
  ['BAK-001', '4012345678901', 'Croissant', 180, 'reduced'],
  ['BAK-002', null, 'Sourdough loaf', 450, 'reduced'],
  ['MER-001', '4098765432101', 'Travel mug', 1499, 'standard'],
  ['MER-002', null, 'Gift card wrap', 99, 'standard'],
];

interface ProductRow {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  price_minor: number;
  currency: string;
  tax_category_id: string;
  active: number;
  seq: number;
  updated_at: string;
}
interface TaxRow {
  id: string;
  name: string;
  rate_bp: number;
  seq: number;
  updated_at: string;
}
interface StaffRow {
  id: string;
  name: string;
  role: RemoteStaff['role'];
  active: number;
  seq: number;
  updated_at: string;
}

/** Products, tax categories and staff per store, each change stamped with the next seq. */
export class Catalog {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  seed(storeId: string, currency: string): void {
    const at = this.now().toISOString();
    const tax = { standard: newId('tax'), reduced: newId('tax') };
    const insertTax = this.db.prepare('INSERT INTO tax_categories VALUES (?, ?, ?, ?, ?, ?)');
    insertTax.run(tax.standard, storeId, 'Standard', 2000, nextSeq(this.db), at);
    insertTax.run(tax.reduced, storeId, 'Reduced', 500, nextSeq(this.db), at);
    const insertProduct = this.db.prepare('INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)');
    for (const [sku, barcode, name, price, category] of SEED_PRODUCTS) {
      insertProduct.run(newId('prd'), storeId, sku, barcode, name, price, currency, tax[category], nextSeq(this.db), at);
    }
    this.addStaff(storeId, 'Alex Morgan', 'manager');
    this.addStaff(storeId, 'Sam Lee', 'cashier');
  }

  addStaff(storeId: string, name: string, role: RemoteStaff['role']): string {
    const id = newId('stf');
    this.db
      .prepare('INSERT INTO staff VALUES (?, ?, ?, ?, 1, ?, ?)')
      .run(id, storeId, name, role, nextSeq(this.db), this.now().toISOString());
    return id;
  }

  /** Returns the product's store, or null when there is no such product. */
  setPrice(productId: string, priceMinor: number): { storeId: string; seq: number } | null {
    const seq = nextSeq(this.db);
    const row = this.db
      .prepare('UPDATE products SET price_minor = ?, seq = ?, updated_at = ? WHERE id = ? RETURNING store_id')
      .get(priceMinor, seq, this.now().toISOString(), productId) as { store_id: string } | undefined;
    return row ? { storeId: row.store_id, seq } : null;
  }

  products(storeId: string, afterSeq = 0, limit = 1000): Array<Product & { seq: number }> {
    const rows = this.db
      .prepare('SELECT * FROM products WHERE store_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(storeId, afterSeq, limit) as ProductRow[];
    return rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      barcode: r.barcode,
      name: r.name,
      priceMinor: r.price_minor,
      currency: r.currency,
      taxCategoryId: r.tax_category_id,
      active: r.active === 1,
      updatedAt: r.updated_at,
      seq: r.seq,
    }));
  }

  taxCategories(storeId: string, afterSeq = 0, limit = 1000): Array<TaxCategory & { seq: number }> {
    const rows = this.db
      .prepare('SELECT * FROM tax_categories WHERE store_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(storeId, afterSeq, limit) as TaxRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, rateBasisPoints: r.rate_bp, updatedAt: r.updated_at, seq: r.seq }));
  }

  staff(storeId: string, afterSeq = 0, limit = 1000): Array<RemoteStaff & { seq: number }> {
    const rows = this.db
      .prepare('SELECT * FROM staff WHERE store_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(storeId, afterSeq, limit) as StaffRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1, updatedAt: r.updated_at, seq: r.seq }));
  }
}

/**
 * One page of a merged pull: the lowest `limit` changes across lists after `after`, so a page
 * never skips a row of one list because the other filled it. Returns the cursor to pass next.
 */
export function pageOf<T extends { seq: number }>(
  lists: T[][],
  after: number,
  limit: number,
): { pages: T[][]; cursor: number; hasMore: boolean } {
  const all = lists.flat().sort((a, b) => a.seq - b.seq);
  const taken = all.slice(0, limit);
  const cursor = taken.at(-1)?.seq ?? after;
  return { pages: lists.map((list) => list.filter((row) => row.seq <= cursor)), cursor, hasMore: all.length > limit };
}
