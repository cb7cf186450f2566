import type { Product } from '../../../shared/domain/catalog';

/** What the register needs of the catalog: finding one product to sell. */
export interface CatalogReader {
  /** By any of its barcodes (GTINs in any of their lengths match each other). */
  findByBarcode(code: string): Product | null;
  get(productId: string): Product | null;
}
