import { uuidv7, shortId } from '../../../shared/domain/ids';
import type { Product } from '../../../shared/domain/catalog';
import { MAX_UNIT_QUANTITY, type DiscountInput, type ParkedSale, type SaleView } from '../../../shared/domain/sale';
import type { AddItemResult } from '../../../shared/ipc/areas/sales';
import { AppError } from '../../../shared/ipc/errors';
import type { ShiftRepository } from '../ledger/shift-repository';
import type { AuditTrail } from '../audit/audit-trail';
import { draftWriteTransaction, writeTransaction } from '../storage/transaction';
import type { CatalogReader } from './catalog-reader';
import { discountBasisPoints, lineGross, priceSale } from '../ledger/pricing';
import type { RegisterBase } from '../ledger/register-deps';
import { parseDiscount, type SaleRepository, type SaleRow } from '../ledger/sale-repository';
import { buildSaleView } from '../ledger/sale-view';
import type { LastCartView } from './last-cart-view';
import type { TendersInFlight } from './tenders-in-flight';

export interface CartDeps extends RegisterBase {
  sales: SaleRepository;
  shifts: ShiftRepository;
  catalog: CatalogReader;
  audit: AuditTrail;
  /** Shared with the checkout: a sale whose tender is in flight takes no changes. */
  inFlight: TendersInFlight;
  /** Shared with the checkout: the sale as the last scan left it. */
  lastView: LastCartView;
}

/** Who asks: the handler passes the signed-in staff member and a way to demand `apply:discounts`. */
export interface CartActor {
  staffId: string;
  stepUp: () => { approverId?: string };
}

/**
 * The cart is this terminal's one open sale, kept in the database so that a reload or a crash of the
 * page, or of the terminal, loses nothing. Prices are copied onto the line when it is added.
 */
export class CartService {
  constructor(private readonly deps: CartDeps) {}

  private get store() {
    return this.deps.settings().store;
  }

  view(row: SaleRow): SaleView {
    return buildSaleView(this.deps.sales, row, this.store.cashRoundingMinor);
  }

  current(): SaleView | null {
    const row = this.deps.sales.openSale();
    return row ? this.view(row) : null;
  }

  /** Staff member with a sale in progress (lines in the cart), for the session's hand-over rule. */
  openWorkOwner(): string | null {
    const row = this.deps.sales.openSale();
    return row && this.deps.sales.lines(row.id).length > 0 ? row.opened_by : null;
  }

  private requireOpen(): SaleRow {
    const row = this.deps.sales.openSale();
    if (!row) throw new AppError('not_found', 'There is no sale in progress.');
    this.deps.inFlight.refuseChanges(row.id);
    if (this.deps.sales.payments(row.id).length > 0)
      throw new AppError('conflict', 'A tender has been taken: finish the sale by taking the rest.');
    return row;
  }

  /** The open sale, or a new one on the open shift. */
  private openOrStart(staffId: string): SaleRow {
    const existing = this.deps.sales.openSale();
    if (existing) {
      this.deps.inFlight.refuseChanges(existing.id);
      if (this.deps.sales.payments(existing.id).length > 0)
        throw new AppError('conflict', 'A tender has been taken: finish the sale by taking the rest.');
      return existing;
    }
    const shift = this.deps.shifts.current();
    if (!shift) throw new AppError('conflict', 'Open a shift before selling.');
    const store = this.store;
    if (shift.currency !== store.currency)
      throw new AppError(
        'conflict',
        `The shift is in ${shift.currency} but the store now sells in ${store.currency}: close the shift first.`,
      );
    const at = this.deps.now();
    const id = uuidv7(at.getTime());
    this.deps.sales.createSale({
      id,
      shiftId: shift.shiftId,
      openedBy: staffId,
      at: at.toISOString(),
      currency: store.currency,
      taxMode: store.taxMode,
    });
    return this.deps.sales.existing(id);
  }

  addByBarcode(code: string, quantity: number | undefined, staffId: string, times?: number): AddItemResult {
    const product = this.deps.catalog.findByBarcode(code);
    if (!product) return { outcome: 'unknown_barcode', code };
    return this.add(product, quantity, staffId, times);
  }

  addProduct(productId: string, quantity: number | undefined, staffId: string, times?: number): AddItemResult {
    const product = this.deps.catalog.get(productId);
    if (!product) throw new AppError('not_found', 'That product is not in the catalog.');
    return this.add(product, quantity, staffId, times);
  }

  private add(product: Product, quantity: number | undefined, staffId: string, times?: number): AddItemResult {
    if (!product.active) return { outcome: 'inactive', product };
    if (times !== undefined && product.soldBy === 'weight')
      throw new AppError('conflict', `${product.name} is sold by weight: weigh it instead of typing a count.`);
    if (times !== undefined && quantity !== undefined) throw new AppError('conflict', 'Give a count or a quantity, not both.');
    if (product.soldBy === 'weight' && quantity === undefined) return { outcome: 'needs_weight', product };
    const qty = times ?? quantity ?? 1;
    checkQuantity(product.soldBy, qty);
    let lineId = shortId('ln');
    // Scans are the hottest write of the day; a cart before its tender may lose its last lines to a power cut.
    const view = draftWriteTransaction(this.deps.db, () => {
      const sale = this.openOrStart(staffId);
      if (product.currency !== sale.currency)
        throw new AppError('conflict', `${product.name} is priced in ${product.currency}, the sale is in ${sale.currency}.`);
      const same = this.lineToAddTo(sale, product);
      if (same) {
        checkQuantity(same.soldBy, same.quantity + qty);
        const before = this.discountShares(sale);
        this.deps.sales.setQuantity(sale.id, same.lineId, same.quantity + qty);
        this.refuseGrownDiscounts(sale, before);
        lineId = same.lineId;
        return this.view(this.deps.sales.existing(sale.id));
      }
      this.deps.sales.addLine(
        sale.id,
        {
          lineId,
          productId: product.sku,
          name: product.name,
          soldBy: product.soldBy,
          quantity: qty,
          unitPriceMinor: product.priceMinor,
          taxCategoryId: product.taxCategoryId,
          taxRateBp: product.taxRateBp,
        },
        this.deps.now().toISOString(),
      );
      return this.view(this.deps.sales.existing(sale.id));
    });
    this.deps.lastView.remember(view, this.store.cashRoundingMinor);
    return { outcome: 'added', sale: view, lineId };
  }

  /**
   * The line the same product joins (store setting `mergeSameItem`, on by default): a unit line of that
   * product at the same price, without a discount of its own. Weighed lines and discounted lines stay
   * apart, so a discount given to one item never spreads to the next one scanned.
   */
  private lineToAddTo(sale: SaleRow, product: Product) {
    if (!this.store.mergeSameItem || product.soldBy !== 'unit') return undefined;
    return this.deps.sales
      .lines(sale.id)
      .find(
        (l) =>
          l.productId === product.sku &&
          l.soldBy === 'unit' &&
          !l.discount &&
          l.unitPriceMinor === product.priceMinor &&
          l.taxRateBp === product.taxRateBp,
      );
  }

  setQuantity(lineId: string, quantity: number): SaleView {
    return writeTransaction(this.deps.db, () => {
      const sale = this.requireOpen();
      const line = this.deps.sales.lines(sale.id).find((l) => l.lineId === lineId);
      if (!line) throw new AppError('not_found', 'That line is not in the cart.');
      checkQuantity(line.soldBy, quantity);
      const before = this.discountShares(sale);
      this.deps.sales.setQuantity(sale.id, lineId, quantity);
      this.refuseGrownDiscounts(sale, before);
      return this.view(sale);
    });
  }

  removeLine(lineId: string, staffId: string): SaleView {
    return writeTransaction(this.deps.db, () => {
      const sale = this.requireOpen();
      const line = this.deps.sales.lines(sale.id).find((l) => l.lineId === lineId);
      const before = this.discountShares(sale);
      if (!line || !this.deps.sales.removeLine(sale.id, lineId)) throw new AppError('not_found', 'That line is not in the cart.');
      this.refuseGrownDiscounts(sale, before);
      // Lines taken off a sale are a classic place for shrinkage: keep a record.
      this.deps.audit.record({
        action: 'sale.line_removed',
        actorId: staffId,
        target: sale.id,
        amount: { minor: lineGross(line), currency: sale.currency },
        details: { productId: line.productId, quantity: line.quantity },
      });
      return this.view(sale);
    });
  }

  /** Clearing a long sale (more lines than `policies.clearApprovalLines`) needs `void:transactions`, held or approved. */
  clear(actor: CartActor): SaleView | null {
    return writeTransaction(this.deps.db, () => {
      const sale = this.deps.sales.openSale();
      if (!sale) return null;
      this.requireOpen();
      const lines = this.deps.sales.lines(sale.id);
      if (lines.length > 0) {
        const approverId = lines.length > this.deps.settings().policies.clearApprovalLines ? actor.stepUp().approverId : undefined;
        const total = priceSale(lines, parseDiscount(sale.sale_discount_json), sale.tax_mode, sale.currency).totals.totalMinor;
        this.deps.audit.record({
          action: 'sale.cleared',
          actorId: actor.staffId,
          ...(approverId ? { approverId } : {}),
          target: sale.id,
          amount: { minor: total, currency: sale.currency },
          details: { lines: lines.length },
        });
      }
      this.deps.sales.deleteOpenSale(sale.id);
      return null;
    });
  }

  discountLine(lineId: string, discount: DiscountInput | null, actor: CartActor): SaleView {
    return writeTransaction(this.deps.db, () => {
      const sale = this.requireOpen();
      const line = this.deps.sales.lines(sale.id).find((l) => l.lineId === lineId);
      if (!line) throw new AppError('not_found', 'That line is not in the cart.');
      const approverId = discount ? this.checkDiscount(lineGross(line), discount, actor) : undefined;
      this.deps.sales.setLineDiscount(sale.id, lineId, discount);
      if (discount) this.recordDiscount(sale, discount, actor.staffId, approverId, lineId);
      return this.view(sale);
    });
  }

  discountSale(discount: DiscountInput | null, actor: CartActor): SaleView {
    return writeTransaction(this.deps.db, () => {
      const sale = this.requireOpen();
      const lines = this.deps.sales.lines(sale.id);
      if (lines.length === 0) throw new AppError('conflict', 'Add something to the sale before discounting it.');
      const afterLines = priceSale(lines, null, sale.tax_mode, sale.currency).lines.reduce((sum, l) => sum + l.netMinor, 0);
      const approverId = discount ? this.checkDiscount(afterLines, discount, actor) : undefined;
      this.deps.sales.setSaleDiscount(sale.id, discount, this.deps.now().toISOString());
      if (discount) this.recordDiscount(sale, discount, actor.staffId, approverId);
      return this.view(this.deps.sales.existing(sale.id));
    });
  }

  /** Each discount's share of what it applies to, in basis points: by line id, and `sale` for the sale's. */
  private discountShares(sale: SaleRow): Map<string, number> {
    const lines = this.deps.sales.lines(sale.id);
    const shares = new Map<string, number>();
    for (const line of lines) if (line.discount) shares.set(line.lineId, discountBasisPoints(lineGross(line), line.discount));
    const saleDiscount = parseDiscount(sale.sale_discount_json);
    if (saleDiscount) {
      const base = priceSale(lines, null, sale.tax_mode, sale.currency).lines.reduce((sum, l) => sum + l.netMinor, 0);
      shares.set('sale', discountBasisPoints(base, saleDiscount));
    }
    return shares;
  }

  /**
   * A smaller quantity, or a line taken off, makes an amount discount a bigger share of what is left:
   * 10.00 off ten items is 10 %, off one it makes it free. Past the policy's limit that would be a
   * discount nobody approved, so the change is refused until the discount is changed (and approved).
   */
  private refuseGrownDiscounts(sale: SaleRow, before: Map<string, number>): void {
    const limitBp = this.deps.settings().policies.discountApprovalPercent * 100;
    for (const [key, share] of this.discountShares(this.deps.sales.existing(sale.id))) {
      if (share > limitBp && share > (before.get(key) ?? 0)) {
        throw new AppError(
          'conflict',
          `That would make the ${key === 'sale' ? 'sale' : 'line'} discount ${Math.round(share / 100)} % of what it applies to, above the ${limitBp / 100} % anyone may give: change the discount first.`,
        );
      }
    }
  }

  /** Above the policy's percentage a discount needs `apply:discounts`, held or approved for this exact request. */
  private checkDiscount(amount: number, discount: DiscountInput, actor: CartActor): string | undefined {
    if (discount.kind === 'amount' && discount.amountMinor > amount)
      throw new AppError('conflict', 'The discount is more than the amount it applies to.');
    const limitBp = this.deps.settings().policies.discountApprovalPercent * 100;
    return discountBasisPoints(amount, discount) > limitBp ? actor.stepUp().approverId : undefined;
  }

  private recordDiscount(sale: SaleRow, discount: DiscountInput, staffId: string, approverId: string | undefined, lineId?: string): void {
    this.deps.audit.record({
      action: 'sale.discounted',
      actorId: staffId,
      ...(approverId ? { approverId } : {}),
      target: sale.id,
      ...(discount.kind === 'amount' ? { amount: { minor: discount.amountMinor, currency: sale.currency } } : {}),
      details: {
        kind: discount.kind,
        ...(discount.kind === 'percent' ? { basisPoints: discount.basisPoints } : {}),
        reason: discount.reason,
        lineId: lineId ?? null,
      },
    });
  }

  park(note: string | undefined): ParkedSale {
    return writeTransaction(this.deps.db, () => {
      const sale = this.requireOpen();
      const view = this.view(sale);
      if (view.lines.length === 0) throw new AppError('conflict', 'There is nothing in the cart to park.');
      const at = this.deps.now().toISOString();
      this.deps.sales.park(sale.id, note ?? null, at);
      return {
        saleId: sale.id,
        openedBy: sale.opened_by,
        parkedAt: at,
        lineCount: view.lines.length,
        totalMinor: view.totals.totalMinor,
        currency: sale.currency,
        note: note ?? null,
      };
    });
  }

  listParked(): ParkedSale[] {
    return this.deps.sales.parked().map((row) => {
      const view = this.view(row);
      return {
        saleId: row.id,
        openedBy: row.opened_by,
        parkedAt: row.parked_at ?? row.opened_at,
        lineCount: view.lines.length,
        totalMinor: view.totals.totalMinor,
        currency: row.currency,
        note: row.park_note,
      };
    });
  }

  resume(saleId: string): SaleView {
    return writeTransaction(this.deps.db, () => {
      const open = this.deps.sales.openSale();
      if (open && this.deps.sales.lines(open.id).length > 0) throw new AppError('conflict', 'Finish or park the sale in progress first.');
      if (open) this.deps.sales.deleteOpenSale(open.id);
      const shift = this.deps.shifts.current();
      if (!shift) throw new AppError('conflict', 'Open a shift before selling.');
      const row = this.deps.sales.get(saleId);
      if (row?.status !== 'parked') throw new AppError('not_found', 'That sale is not parked.');
      if (row.currency !== shift.currency)
        throw new AppError('conflict', `That sale is in ${row.currency}; this shift is in ${shift.currency}.`);
      this.deps.sales.resume(saleId, shift.shiftId, this.deps.now().toISOString());
      return this.view(this.deps.sales.existing(saleId));
    });
  }
}

function checkQuantity(soldBy: Product['soldBy'], quantity: number): void {
  if (soldBy === 'unit' && quantity > MAX_UNIT_QUANTITY)
    throw new AppError('invalid_request', `At most ${MAX_UNIT_QUANTITY} of one item on a line.`);
}
