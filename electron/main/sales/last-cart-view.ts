import type { SaleView } from '../../../shared/domain/sale';
import type { Db } from '../storage/db';
import { writeMark, type WriteMark } from '../storage/write-mark';

/**
 * The cart's view of its sale as of its last committed change, handed to the checkout: a cashier
 * pays right after the last scan, and the tender need not price the same sale again. It holds only
 * while nothing at all has been written since (the write mark), so anything that moved (a payment,
 * a sync, a setting) makes the checkout read the sale afresh.
 */
export class LastCartView {
  private last: { saleId: string; mark: WriteMark; cashRoundingMinor: number; view: SaleView } | null = null;

  constructor(private readonly db: Db) {}

  /** After the cart's transaction committed (never inside one: a rollback would leave the mark where it was). */
  remember(view: SaleView, cashRoundingMinor: number): void {
    this.last = this.db.inTransaction ? null : { saleId: view.saleId, mark: writeMark(this.db), cashRoundingMinor, view };
  }

  /** The remembered view of this sale, if nothing was written since it was taken. */
  of(saleId: string, cashRoundingMinor: number): SaleView | null {
    const last = this.last;
    if (!last || last.saleId !== saleId || last.cashRoundingMinor !== cashRoundingMinor) return null;
    return writeMark(this.db) === last.mark ? last.view : null;
  }
}
