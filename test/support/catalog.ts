import { AuditTrail } from '../../electron/main/audit/audit-trail';
import { CatalogService } from '../../electron/main/catalog/catalog-service';
import type { Db } from '../../electron/main/storage/db';
import { migrate } from '../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../electron/main/storage/migrations';
import type { ProductInput, TaxCategory } from '../../shared/domain/catalog';
import { scratchDatabase } from './scratch-db';

export interface CatalogScratch {
  db: Db;
  audit: AuditTrail;
  catalog: CatalogService;
  /** The store currency the service reads; tests change it. */
  store: { currency: string };
  cleanup: () => void;
}

/** A migrated scratch database (real SQLCipher, in-memory keychain) with an empty catalog service over it. */
export async function catalogScratch(currency = 'EUR'): Promise<CatalogScratch> {
  const { db, file, cleanup } = await scratchDatabase();
  migrate(db, MIGRATIONS, file);
  const audit = new AuditTrail({ db, now: () => new Date('2026-11-29T09:00:00.000Z'), terminalId: () => 'T-TEST' });
  const store = { currency };
  const catalog = new CatalogService({ db, audit, storeCurrency: () => store.currency });
  return { db, audit, catalog, store, cleanup };
}

export const TAX: TaxCategory[] = [
  { id: 'standard', name: 'Standard', rateBp: 2000 },
  { id: 'food', name: 'Food', rateBp: 550 },
];

export function product(sku: string, overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    sku,
    name: `Product ${sku}`,
    group: 'Pantry',
    priceMinor: 199,
    taxCategoryId: 'food',
    soldBy: 'unit',
    barcodes: [],
    active: true,
    ...overrides,
  };
}
