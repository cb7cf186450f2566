import type { z } from 'zod';
import type { AuditEntry } from '../../../shared/domain/audit';
import { catalogChangesSchema, type CatalogChanges, type CatalogInfo, type Product } from '../../../shared/domain/catalog';
import { normalizeBarcode } from '../../../shared/domain/gtin';
import type { AuditTrail } from '../audit/audit-trail';
import type { CatalogReader } from '../sales/catalog-reader';
import type { Db } from '../storage/db';
import { writeBatch } from './apply-batch';
import { CatalogChangeError } from './catalog-errors';
import { CatalogRepository, type CatalogMeta, type CatalogSource, type ProductRecord } from './catalog-repository';
import { demoCatalog } from './demo-catalog';
import { toFtsPrefixQuery } from './search-query';

export interface CatalogServiceDeps {
  db: Db;
  audit: AuditTrail;
  /** The store's currency setting: a batch's prices are taken to be in it. */
  storeCurrency: () => string;
}

export type BatchSource = Exclude<CatalogSource, 'empty'>;

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'batch';
  return `The catalog changes are not valid: ${where}: ${issue?.message ?? 'invalid'}${error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : ''}.`.slice(
    0,
    500,
  );
}

/**
 * The catalog's rules: lookups for the register, and every change as one atomic, versioned batch.
 * Implements CatalogReader for the sales area. Inactive products are still found by barcode and id
 * (the sale decides what to say); search and browse show active products only.
 */
export class CatalogService implements CatalogReader {
  private readonly repo: CatalogRepository;
  /** Only this service writes catalog_meta, so it is read once and kept current here. */
  private meta: CatalogMeta | null;

  constructor(private readonly deps: CatalogServiceDeps) {
    this.repo = new CatalogRepository(deps.db);
    this.meta = this.repo.meta();
  }

  private get currency(): string {
    return this.meta?.currency ?? this.deps.storeCurrency();
  }

  private toProduct(record: ProductRecord): Product {
    return { ...record, currency: this.currency };
  }

  /** Every stored code passed barcodeSchema, so anything else simply finds nothing; only the length is bounded here. */
  findByBarcode(code: string): Product | null {
    const trimmed = code.trim();
    if (trimmed.length < 3 || trimmed.length > 32) return null;
    const record = this.repo.findByCode(normalizeBarcode(trimmed));
    return record ? this.toProduct(record) : null;
  }

  get(productId: string): Product | null {
    const record = this.repo.getBySku(productId);
    return record ? this.toProduct(record) : null;
  }

  /**
   * Prefix search on name and SKU; anything a person types is safe (see toFtsPrefixQuery). A code typed
   * in full (a damaged label keyed by hand) finds its product first, by the same rules as a scan: a GTIN
   * with a wrong check digit matches nothing, since no stored barcode has one.
   */
  search(query: string, limit = 20): Product[] {
    const code = query.trim();
    const coded = /^[A-Za-z0-9-]{3,32}$/.test(code) ? this.findByBarcode(code) : null;
    const byCode = coded?.active ? coded : null;
    const fts = toFtsPrefixQuery(query);
    const found = fts ? this.repo.search(fts, limit).map((r) => this.toProduct(r)) : [];
    return byCode ? [byCode, ...found.filter((p) => p.sku !== byCode.sku)].slice(0, limit) : found;
  }

  browse(group: string, offset = 0, limit = 48): Product[] {
    return this.repo.browse(group, offset, limit).map((r) => this.toProduct(r));
  }

  /** The SKU of the product holding a normalized code (see normalizeBarcode), if any. */
  barcodeOwner(normalizedCode: string): string | null {
    return this.repo.barcodeOwner(normalizedCode);
  }

  info(): CatalogInfo {
    const counts = this.repo.counts();
    return {
      version: this.meta?.version ?? 0,
      productCount: counts.products,
      activeCount: counts.active,
      currency: this.currency,
      source: this.meta?.source ?? 'empty',
      groups: this.repo.groups(),
      taxCategories: this.repo.taxCategories(),
    };
  }

  /**
   * Applies one batch atomically and returns the catalog's new version. Bad input (schema, unknown tax
   * category, a barcode held by another product, a stale baseVersion, another currency) is a
   * CatalogChangeError and changes nothing. `audit`, when given, is recorded in the same transaction.
   */
  applyChanges(changes: CatalogChanges, source: BatchSource, audit?: AuditEntry): number {
    const parsed = catalogChangesSchema.safeParse(changes);
    if (!parsed.success) throw new CatalogChangeError('invalid_changes', describeIssue(parsed.error));
    return this.commit(source, audit, () => {
      const version = this.meta?.version ?? 0;
      if (parsed.data.baseVersion !== undefined && parsed.data.baseVersion !== version) {
        throw new CatalogChangeError(
          'stale_version',
          `The changes are based on catalog version ${parsed.data.baseVersion}; this terminal has version ${version}.`,
        );
      }
      const storeCurrency = this.deps.storeCurrency();
      if (this.meta && this.meta.currency !== storeCurrency && this.repo.counts().products > 0) {
        throw new CatalogChangeError(
          'currency_mismatch',
          `The catalog is priced in ${this.meta.currency} but the store now uses ${storeCurrency}: clear the catalog before loading prices in ${storeCurrency}.`,
        );
      }
      writeBatch(this.repo, parsed.data);
    });
  }

  /** Removes every product (tax categories stay, for the next import); sales keep their own copies. */
  clear(actorId: string | null): CatalogInfo {
    let removed = 0;
    this.commit('empty', undefined, () => {
      removed = this.repo.removeAllProducts();
      this.deps.audit.record({ action: 'catalog.cleared', actorId, details: { removed } });
    });
    return this.info();
  }

  /** Replaces whatever is there with the demo catalog, in the store's currency, in one transaction. */
  loadDemo(actorId: string | null, options: { audited?: boolean } = {}): CatalogInfo {
    const currency = this.deps.storeCurrency();
    const demo = demoCatalog(currency);
    this.commit(
      'demo',
      undefined,
      () => {
        this.repo.removeAllProducts();
        writeBatch(this.repo, catalogChangesSchema.parse(demo));
        if (options.audited !== false) {
          this.deps.audit.record({ action: 'catalog.imported', actorId, details: { source: 'demo', products: demo.upsert?.length ?? 0 } });
        }
      },
      currency,
    );
    return this.info();
  }

  /** A new terminal (no catalog ever set up) starts with the demo catalog; a cleared one stays empty. */
  ensureInitialized(): boolean {
    if (this.meta) return false;
    // Not a person's act, so not in the audit trail.
    this.loadDemo(null, { audited: false });
    return true;
  }

  /** One IMMEDIATE transaction: the write, the version bump and the audit entry commit together. */
  private commit(source: CatalogSource, audit: AuditEntry | undefined, write: () => void, currency = this.deps.storeCurrency()): number {
    const next: CatalogMeta = { version: (this.meta?.version ?? 0) + 1, currency, source };
    this.deps.db
      .transaction(() => {
        write();
        this.repo.setMeta(next);
        if (audit) this.deps.audit.record(audit);
      })
      .immediate();
    this.meta = next;
    return next.version;
  }
}
