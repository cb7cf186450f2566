import type { CatalogPage, StaffPage } from '../../../shared/api/catalog';
import type { CatalogChanges } from '../../../shared/domain/catalog';
import type { ApiClient } from '../api-client/api-client';
import type { CatalogService } from '../catalog/catalog-service';
import type { Db } from '../storage/db';
import { writeTransaction, type Tx } from '../storage/transaction';
import type { StaffRepository } from '../staff/staff-repository';
import type { SyncState } from '../storage/sync-state';

/** The ports sync pulls into: the catalog's and the staff area's own repositories. */
export type CatalogPullTarget = Pick<CatalogService, 'info' | 'clear' | 'applyChanges'>;
export type StaffPullTarget = Pick<StaffRepository, 'applyFromApi'>;

export const CATALOG_CURSOR = 'catalog.cursor';
export const STAFF_CURSOR = 'staff.cursor';

/** One API page as the register's catalog change batch, in the store's currency only. */
export function catalogChangesOf(page: CatalogPage, currency: string): CatalogChanges {
  return {
    taxCategories: page.taxCategories.map((t) => ({ id: t.id, name: t.name, rateBp: t.rateBasisPoints })),
    upsert: page.products
      .filter((p) => p.currency === currency && p.priceMinor > 0)
      .map((p) => ({ sku: p.sku, name: p.name, group: 'NoPOS', priceMinor: p.priceMinor, taxCategoryId: p.taxCategoryId, soldBy: 'unit' as const, barcodes: p.barcode ? [p.barcode] : [], active: p.active })),
    remove: [],
  };
}

/**
 * Catalog and staff changes by cursor. Each page and its cursor commit in one transaction through the
 * catalog's own `applyChanges`, so a crash re-reads a page instead of skipping one. The first page
 * replaces the demo catalog a fresh terminal starts with.
 */
export class CatalogPull {
  constructor(
    private readonly deps: { db: Db; api: ApiClient; state: SyncState; catalog: CatalogPullTarget; staff: StaffPullTarget; storeCurrency: () => string; now: () => Date },
  ) {}

  async pullCatalog(): Promise<number> {
    let pages = 0;
    for (;;) {
      const cursor = this.deps.state.get<string>(CATALOG_CURSOR) ?? undefined;
      const page = await this.deps.api.catalog(cursor);
      writeTransaction(this.deps.db, () => {
        // The cursor first: if the batch is refused, the rollback takes the cursor with it.
        this.deps.state.set(CATALOG_CURSOR, page.cursor);
        if (cursor === undefined && this.deps.catalog.info().source === 'demo') this.deps.catalog.clear(null);
        if (page.taxCategories.length || page.products.length) this.deps.catalog.applyChanges(catalogChangesOf(page, this.deps.storeCurrency()), 'api');
      });
      pages++;
      if (!page.hasMore) return pages;
    }
  }

  async pullStaff(): Promise<number> {
    let pages = 0;
    for (;;) {
      const cursor = this.deps.state.get<string>(STAFF_CURSOR) ?? undefined;
      const page = await this.deps.api.staff(cursor);
      writeTransaction(this.deps.db, (tx) => {
        this.deps.state.set(STAFF_CURSOR, page.cursor);
        this.applyStaff(tx, page);
      });
      pages++;
      if (!page.hasMore) return pages;
    }
  }

  private applyStaff(tx: Tx, page: StaffPage): void {
    this.deps.staff.applyFromApi(tx, page.staff);
  }
}
