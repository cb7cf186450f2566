import type { z } from 'zod';
import type { catalogChangesSchema } from '../../../shared/domain/catalog';
import { normalizeBarcode } from '../../../shared/domain/gtin';
import { CatalogChangeError } from './catalog-errors';
import type { CatalogRepository } from './catalog-repository';

export type ParsedCatalogChanges = z.output<typeof catalogChangesSchema>;

function isPrimaryKeyClash(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Writes one validated batch. Must run inside the caller's transaction: it throws a
 * CatalogChangeError part-way through and relies on the rollback to leave nothing behind.
 * Order: tax categories, removals, products, then barcodes, so a barcode can move from one product
 * to another within the same batch but never belongs to two.
 */
export function writeBatch(repo: CatalogRepository, changes: ParsedCatalogChanges): { upserted: number; removed: number } {
  for (const category of changes.taxCategories) repo.upsertTaxCategory(category);
  const knownTax = new Set(repo.taxCategories().map((c) => c.id));

  const seen = new Set<string>();
  for (const product of changes.upsert) {
    if (seen.has(product.sku))
      throw new CatalogChangeError('duplicate_sku', `Product ${product.sku} appears twice in the batch.`, product.sku);
    seen.add(product.sku);
    if (!knownTax.has(product.taxCategoryId)) {
      throw new CatalogChangeError(
        'unknown_tax_category',
        `Product ${product.sku} has an unknown tax category "${product.taxCategoryId}".`,
        product.sku,
      );
    }
  }

  let removed = 0;
  for (const sku of changes.remove) if (repo.removeProduct(sku)) removed++;

  const existedUpTo = repo.maxProductId();
  const ids = changes.upsert.map((product) => repo.upsertProduct(product));
  // Release every updated product's old codes first: a code may move between products in one batch.
  // Rows new in this batch have none (a reused row id lost its codes with its product, by cascade).
  for (const id of ids) if (id <= existedUpTo) repo.deleteBarcodesOf(id);
  changes.upsert.forEach((product, i) => {
    const id = ids[i] as number;
    for (const entered of product.barcodes) {
      const code = normalizeBarcode(entered);
      try {
        repo.insertBarcode(code, id, entered);
      } catch (error) {
        if (!isPrimaryKeyClash(error)) throw error;
        const owner = repo.barcodeOwner(code);
        // The same GTIN listed twice in two lengths (UPC-A and its EAN-13 form) is one code.
        if (owner === product.sku) continue;
        throw new CatalogChangeError(
          'barcode_taken',
          `Barcode ${entered} of product ${product.sku} already belongs to product ${owner ?? '?'}.`,
          product.sku,
        );
      }
    }
  });
  return { upserted: ids.length, removed };
}
