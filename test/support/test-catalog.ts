import type { Product } from '../../shared/domain/catalog';
import { normalizeBarcode } from '../../shared/domain/gtin';
import type { CatalogReader } from '../../electron/main/sales/catalog-reader';

/** A few products for register unit tests; the real catalog has its own tests. */
export const TEST_PRODUCTS: Product[] = [
  {
    sku: 'MILK-1L',
    name: 'Whole milk 1 l',
    group: 'Dairy',
    priceMinor: 129,
    currency: 'EUR',
    taxCategoryId: 'reduced',
    taxRateBp: 700,
    soldBy: 'unit',
    barcodes: ['4006381333931'],
    active: true,
  },
  {
    sku: 'WINE-RED',
    name: 'Red wine 0.75 l',
    group: 'Drinks',
    priceMinor: 899,
    currency: 'EUR',
    taxCategoryId: 'standard',
    taxRateBp: 1900,
    soldBy: 'unit',
    barcodes: ['96385074'],
    active: true,
  },
  {
    sku: 'APPLES',
    name: 'Apples',
    group: 'Produce',
    priceMinor: 299,
    currency: 'EUR',
    taxCategoryId: 'reduced',
    taxRateBp: 700,
    soldBy: 'weight',
    barcodes: ['2000000000008'],
    active: true,
  },
  {
    sku: 'OLD-MUG',
    name: 'Old mug',
    group: 'Household',
    priceMinor: 450,
    currency: 'EUR',
    taxCategoryId: 'standard',
    taxRateBp: 1900,
    soldBy: 'unit',
    barcodes: [],
    active: false,
  },
];

export function testCatalog(products: Product[] = TEST_PRODUCTS): CatalogReader {
  return {
    findByBarcode: (code) => products.find((p) => p.barcodes.some((b) => normalizeBarcode(b) === normalizeBarcode(code))) ?? null,
    get: (id) => products.find((p) => p.sku === id) ?? null,
  };
}
