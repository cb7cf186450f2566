import type { ApiStore } from '../../../shared/api/enrollment';
import {
  productSchema as remoteProductSchema,
  remoteStaffSchema,
  type CatalogPageRows,
  type StaffPageRows,
} from '../../../shared/api/catalog';
import { z } from 'zod';
import { productInputSchema, type ProductInput } from '../../../shared/domain/catalog';
import { staffNameSchema } from '../../../shared/domain/staff';
import type { ApiClient } from '../api-client/api-client';
import type { CatalogChangeError } from '../catalog/catalog-errors';
import type { CatalogService } from '../catalog/catalog-service';
import type { Db } from '../storage/db';
import { writeTransaction, type Tx } from '../storage/transaction';
import type { StaffRepository } from '../staff/staff-repository';
import type { NeedsAttention } from '../storage/needs-attention';
import type { SyncState } from '../storage/sync-state';

/** The ports sync pulls into: the catalog's and the staff area's own repositories. */
export type CatalogPullTarget = Pick<CatalogService, 'info' | 'clear' | 'applyChanges'>;
export type StaffPullTarget = Pick<StaffRepository, 'applyFromApi'>;

export const CATALOG_CURSOR = 'catalog.cursor';
export const STAFF_CURSOR = 'staff.cursor';

type RemoteProduct = z.output<typeof remoteProductSchema>;
type RemoteStaff = z.output<typeof remoteStaffSchema>;
export type PullArea = 'store' | 'catalog' | 'staff';

/** A row of a page that is not applied: held for a person with the reason. */
export interface HeldRow {
  area: PullArea;
  /** The API's id and the version refused (a later version is a new entry, and resolves this one). */
  remoteId: string;
  version: string;
  /** What a person recognises it by: SKU and name, or the staff member's name. */
  label: string;
  reason: string;
}

const localStaffSchema = z.object({ name: staffNameSchema });
const lastPulledKey = (area: PullArea) => `${area}.lastPulledAt`;
const outOfDateKey = (area: PullArea) => `${area}.outOfDateSince`;
const itemKind: Record<PullArea, string> = { store: 'store', catalog: 'product', staff: 'staff' };
const clientIdOf = (area: PullArea, remoteId: string, version = '') => `${itemKind[area]}:${remoteId}@${version}`.slice(0, 80);

/** Zod's first issue in words, with the value it was about when that is short and not a secret. */
function describeRowIssue(error: z.ZodError, row: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'not readable';
  let value: unknown = row;
  for (const key of issue.path)
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  const field = issue.path.filter((key) => typeof key === 'string').join('.') || 'row';
  const shown = typeof value === 'string' || typeof value === 'number' ? ` ${JSON.stringify(value).slice(0, 40)}` : '';
  return `${field}${shown}: ${issue.message}`;
}

/** SKU and name of a product row (or the staff member's name), as far as they can be read. */
function labelOf(row: unknown): string {
  const { sku, name } = (row && typeof row === 'object' ? row : {}) as { sku?: unknown; name?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 60) : null);
  const parts = [text(sku), text(name) && (text(sku) ? `(${text(name)})` : text(name))].filter(Boolean);
  return parts.join(' ');
}

function idOf(row: unknown): string {
  const id = row && typeof row === 'object' ? (row as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^[\w-]{1,40}$/.test(id) ? id : 'unknown';
}

function versionOf(row: unknown): string {
  const at = row && typeof row === 'object' ? (row as { updatedAt?: unknown }).updatedAt : undefined;
  return typeof at === 'string' ? at.slice(0, 32) : '';
}

/** The catalog's typed refusal (known by its name: sync reaches the catalog through a port, not its classes). */
const isCatalogRefusal = (error: unknown): error is CatalogChangeError => error instanceof Error && error.name === 'CatalogChangeError';

/** A product as the register's catalog takes it, or why it cannot be one. */
export function productInputOf(product: RemoteProduct, currency: string): { input: ProductInput } | { refused: string } {
  if (product.currency !== currency) return { refused: `priced in ${product.currency}; this store sells in ${currency}` };
  if (product.priceMinor <= 0) return { refused: 'has no price' };
  const input = {
    sku: product.sku,
    name: product.name,
    group: 'NoPOS',
    priceMinor: product.priceMinor,
    taxCategoryId: product.taxCategoryId,
    soldBy: 'unit' as const,
    barcodes: product.barcode ? [product.barcode] : [],
    active: product.active,
  };
  const checked = productInputSchema.safeParse(input);
  return checked.success ? { input } : { refused: describeRowIssue(checked.error, input) };
}

/**
 * Catalog and staff changes by cursor. Each page and its cursor commit in one transaction: the rows
 * the terminal can take are applied (products through the catalog's own `applyChanges`), and each
 * row it cannot take (a wrong check digit, a barcode another product holds, a role it does not know)
 * is held in needs-attention with the reason, so one bad row never stalls the rest. A page that fails
 * as a whole (no answer, a malformed page, a catalog in another currency) leaves the cursor where it
 * was, and the status says since when that area is out of date. The first page replaces the demo
 * catalog a fresh terminal starts with.
 */
export class CatalogPull {
  constructor(
    private readonly deps: {
      db: Db;
      api: ApiClient;
      state: SyncState;
      catalog: CatalogPullTarget;
      staff: StaffPullTarget;
      needsAttention: NeedsAttention;
      /** Takes the store's name, currency and address into settings, where no admin set them. */
      applyStore: (store: ApiStore) => void;
      storeCurrency: () => string;
      now: () => Date;
    },
  ) {}

  /** The store's name, currency and address: one small answer, no cursor. */
  async pullStore(): Promise<number> {
    return this.pull(
      'store',
      null,
      () => this.deps.api.store().then((store) => ({ store, cursor: '', hasMore: false })),
      (_tx, page) => this.deps.applyStore(page.store),
    );
  }

  pullCatalog(): Promise<number> {
    return this.pull(
      'catalog',
      CATALOG_CURSOR,
      (cursor) => this.deps.api.catalog(cursor),
      (tx, page, first) => this.applyCatalog(tx, page, first),
    );
  }

  pullStaff(): Promise<number> {
    return this.pull(
      'staff',
      STAFF_CURSOR,
      (cursor) => this.deps.api.staff(cursor),
      (tx, page) => this.applyStaff(tx, page),
    );
  }

  /** Since when each area is out of date (its last pull failed), or null when the last pull worked. */
  outOfDateSince(): Record<PullArea, string | null> {
    const since = (area: PullArea) => this.deps.state.get<string>(outOfDateKey(area));
    return { store: since('store'), catalog: since('catalog'), staff: since('staff') };
  }

  private async pull<P extends { cursor: string; hasMore: boolean }>(
    area: PullArea,
    cursorKey: string | null,
    fetch: (cursor: string | undefined) => Promise<P>,
    apply: (tx: Tx, page: P, first: boolean) => void,
  ): Promise<number> {
    let pages = 0;
    try {
      for (;;) {
        const cursor = cursorKey === null ? undefined : (this.deps.state.get<string>(cursorKey) ?? undefined);
        const page = await fetch(cursor);
        writeTransaction(this.deps.db, (tx) => {
          // The cursor first: if the page fails, the rollback takes the cursor with it.
          if (cursorKey !== null) this.deps.state.set(cursorKey, page.cursor);
          apply(tx, page, cursor === undefined);
        });
        pages++;
        if (!page.hasMore) break;
      }
    } catch (error) {
      // Out of date since the last pull that worked (or since now, if none ever did).
      if (this.deps.state.get(outOfDateKey(area)) === null) {
        this.deps.state.set(outOfDateKey(area), this.deps.state.get<string>(lastPulledKey(area)) ?? this.deps.now().toISOString());
      }
      throw error;
    }
    this.deps.state.set(lastPulledKey(area), this.deps.now().toISOString());
    this.deps.state.delete(outOfDateKey(area));
    return pages;
  }

  private applyCatalog(tx: Tx, page: CatalogPageRows, first: boolean): void {
    if (first && this.deps.catalog.info().source === 'demo') this.deps.catalog.clear(null);
    const currency = this.deps.storeCurrency();
    const held: HeldRow[] = [];
    let rows: { remote: RemoteProduct; input: ProductInput }[] = [];
    for (const raw of page.products) {
      const parsed = remoteProductSchema.safeParse(raw);
      if (!parsed.success) {
        held.push({
          area: 'catalog',
          remoteId: idOf(raw),
          version: versionOf(raw),
          label: labelOf(raw),
          reason: describeRowIssue(parsed.error, raw),
        });
        continue;
      }
      const taken = productInputOf(parsed.data, currency);
      if ('refused' in taken)
        held.push({
          area: 'catalog',
          remoteId: parsed.data.id,
          version: parsed.data.updatedAt,
          label: labelOf(parsed.data),
          reason: taken.refused,
        });
      else rows.push({ remote: parsed.data, input: taken.input });
    }
    const taxCategories = page.taxCategories.map((t) => ({ id: t.id, name: t.name, rateBp: t.rateBasisPoints }));
    // A row the catalog refuses in context (a barcode another product holds) names its SKU: hold it
    // and apply the rest. A refusal naming no product is the page's, and fails it.
    for (;;) {
      if (!taxCategories.length && !rows.length) break;
      try {
        this.deps.catalog.applyChanges({ taxCategories, upsert: rows.map((r) => r.input), remove: [] }, 'api');
        break;
      } catch (error) {
        if (!isCatalogRefusal(error) || error.sku === undefined) throw error;
        const refused = rows.find((r) => r.input.sku === error.sku);
        if (!refused) throw error;
        held.push({
          area: 'catalog',
          remoteId: refused.remote.id,
          version: refused.remote.updatedAt,
          label: labelOf(refused.remote),
          reason: error.message,
        });
        rows = rows.filter((r) => r !== refused);
      }
    }
    this.settle(
      tx,
      'catalog',
      rows.map((r) => r.remote.id),
      held,
    );
  }

  private applyStaff(tx: Tx, page: StaffPageRows): void {
    const held: HeldRow[] = [];
    const taken: RemoteStaff[] = [];
    for (const raw of page.staff) {
      const parsed = remoteStaffSchema.safeParse(raw);
      if (!parsed.success) {
        held.push({
          area: 'staff',
          remoteId: idOf(raw),
          version: versionOf(raw),
          label: labelOf({ name: (raw as { name?: unknown } | null)?.name }),
          reason: describeRowIssue(parsed.error, raw),
        });
        continue;
      }
      const remote: RemoteStaff = parsed.data;
      // The terminal's own rule for a name (it is shown on every screen and receipt): not blank.
      const name = localStaffSchema.safeParse({ name: remote.name });
      if (!name.success) {
        held.push({
          area: 'staff',
          remoteId: remote.id,
          version: remote.updatedAt,
          label: labelOf(remote),
          reason: describeRowIssue(name.error, { name: remote.name }),
        });
        continue;
      }
      taken.push({ ...remote, name: name.data.name });
    }
    this.deps.staff.applyFromApi(tx, taken);
    this.settle(
      tx,
      'staff',
      taken.map((s) => s.id),
      held,
    );
  }

  /** Holds each refused row for a person; a row now applied resolves what was held for its older versions. */
  private settle(tx: Tx, area: PullArea, applied: readonly string[], held: readonly HeldRow[]): void {
    const attention = this.deps.needsAttention;
    if (applied.length && attention.openCountOf(`${itemKind[area]}:`) > 0) {
      for (const remoteId of applied)
        attention.resolveOpen(tx, clientIdOf(area, remoteId), 'sync', 'A later version from NoPOS was applied.');
    }
    const what = area === 'catalog' ? 'Product' : 'Staff member';
    for (const row of held) {
      attention.add(tx, {
        clientId: clientIdOf(area, row.remoteId, row.version),
        kind: 'rejected',
        itemKind: itemKind[area],
        reason: `${what} ${[row.label, row.remoteId].filter(Boolean).join(' ')} from NoPOS was not applied: ${row.reason.replace(/\.$/, '')}. Correct it in the back office; the rest was applied.`,
      });
    }
  }
}
