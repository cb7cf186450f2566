import { required } from '../../../shared/required';
import { discountInputSchema, paymentSchema, type DiscountInput, type Payment, type TaxMode } from '../../../shared/domain/sale';
import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';
import type { PricedLineInput } from './pricing';

export interface SaleRow {
  id: string;
  status: 'open' | 'parked' | 'completed' | 'voided';
  shift_id: string | null;
  opened_by: string;
  opened_at: string;
  parked_at: string | null;
  park_note: string | null;
  currency: string;
  tax_mode: TaxMode;
  sale_discount_json: string | null;
  total_minor: number | null;
  completed_at: string | null;
}

interface LineRow {
  id: string;
  product_id: string;
  name: string;
  sold_by: 'unit' | 'weight';
  quantity: number;
  unit_price_minor: number;
  tax_category_id: string;
  tax_rate_bp: number;
  discount_json: string | null;
}

interface PaymentRow {
  id: string;
  method: 'cash' | 'card';
  amount_minor: number;
  status: Payment['status'];
  given_minor: number | null;
  change_minor: number | null;
  rounding_minor: number | null;
  card_json: string | null;
  taken_at: string;
}

export interface DocumentRow {
  seq: number;
  receipt_number: string;
  kind: 'sale' | 'refund' | 'void';
  ref_id: string;
  shift_id: string;
  staff_id: string;
  completed_at: string;
  printed_at: string | null;
  saved_at: string | null;
}

export const parseDiscount = (json: string | null): DiscountInput | null => (json ? discountInputSchema.parse(JSON.parse(json)) : null);

/** The register's SQL: sales (the cart is the open one), their lines and payments, and numbered documents. */
export class SaleRepository {
  private readonly statements;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.statements = {
      byId: p('SELECT * FROM sales WHERE id = ?'),
      open: p("SELECT * FROM sales WHERE status = 'open'"),
      insertSale: p(
        `INSERT INTO sales (id, status, shift_id, opened_by, opened_at, currency, tax_mode, updated_at)
         VALUES (@id, 'open', @shiftId, @openedBy, @at, @currency, @taxMode, @at)`,
      ),
      lines: p('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY position'),
      nextPosition: p('SELECT coalesce(max(position), 0) + 1 AS n FROM sale_lines WHERE sale_id = ?'),
      insertLine: p(
        `INSERT INTO sale_lines (id, sale_id, position, product_id, name, sold_by, quantity, unit_price_minor, tax_category_id, tax_rate_bp, discount_json)
         VALUES (@lineId, @saleId, @position, @productId, @name, @soldBy, @quantity, @unitPriceMinor, @taxCategoryId, @taxRateBp, NULL)`,
      ),
      setQuantity: p('UPDATE sale_lines SET quantity = ? WHERE id = ? AND sale_id = ?'),
      setLineDiscount: p('UPDATE sale_lines SET discount_json = ? WHERE id = ? AND sale_id = ?'),
      deleteLine: p('DELETE FROM sale_lines WHERE id = ? AND sale_id = ?'),
      deleteLines: p('DELETE FROM sale_lines WHERE sale_id = ?'),
      setSaleDiscount: p('UPDATE sales SET sale_discount_json = ?, updated_at = ? WHERE id = ?'),
      touch: p('UPDATE sales SET updated_at = ? WHERE id = ?'),
      park: p("UPDATE sales SET status = 'parked', parked_at = ?, park_note = ?, updated_at = ? WHERE id = ? AND status = 'open'"),
      resume: p(
        "UPDATE sales SET status = 'open', parked_at = NULL, park_note = NULL, shift_id = ?, updated_at = ? WHERE id = ? AND status = 'parked'",
      ),
      parked: p("SELECT * FROM sales WHERE status = 'parked' ORDER BY parked_at"),
      deleteSale: p("DELETE FROM sales WHERE id = ? AND status = 'open'"),
      payments: p('SELECT * FROM payments WHERE sale_id = ? ORDER BY taken_at, rowid'),
      paymentById: p('SELECT sale_id FROM payments WHERE id = ?'),
      insertPayment: p(
        `INSERT INTO payments (id, sale_id, method, amount_minor, status, given_minor, change_minor, rounding_minor, card_json, taken_at)
         VALUES (@paymentId, @saleId, @method, @amountMinor, @status, @givenMinor, @changeMinor, @roundingMinor, @cardJson, @takenAt)`,
      ),
      declinePayment: p("UPDATE payments SET status = 'declined' WHERE id = ? AND method = 'card'"),
      complete: p(
        "UPDATE sales SET status = 'completed', total_minor = ?, completed_at = ?, updated_at = ? WHERE id = ? AND status = 'open'",
      ),
      markVoided: p("UPDATE sales SET status = 'voided', updated_at = ? WHERE id = ? AND status = 'completed'"),
      insertDocument: p(
        `INSERT INTO documents (seq, receipt_number, kind, ref_id, shift_id, staff_id, completed_at)
         VALUES (@seq, @receiptNumber, @kind, @refId, @shiftId, @staffId, @at)`,
      ),
      lastSeq: p('SELECT coalesce(max(seq), 0) AS n FROM documents'),
      documentByNumber: p('SELECT * FROM documents WHERE receipt_number = ?'),
      documentByRef: p('SELECT * FROM documents WHERE ref_id = ?'),
      markPrinted: p('UPDATE documents SET printed_at = coalesce(printed_at, ?) WHERE receipt_number = ?'),
      markSaved: p('UPDATE documents SET saved_at = coalesce(saved_at, ?) WHERE receipt_number = ?'),
      recent: p(
        "SELECT s.* FROM sales s JOIN documents d ON d.ref_id = s.id WHERE d.kind = 'sale' AND s.shift_id = ? ORDER BY d.seq DESC LIMIT ?",
      ),
    };
  }

  get(id: string): SaleRow | null {
    return (this.statements.byId.get(id) as SaleRow | undefined) ?? null;
  }

  /** A sale the caller knows is there (it was just written, or its id came from a row). */
  existing(id: string): SaleRow {
    return required(this.get(id), `sale ${id}`);
  }

  openSale(): SaleRow | null {
    return (this.statements.open.get() as SaleRow | undefined) ?? null;
  }

  createSale(sale: { id: string; shiftId: string; openedBy: string; at: string; currency: string; taxMode: TaxMode }): void {
    this.statements.insertSale.run(sale);
  }

  deleteOpenSale(id: string): void {
    this.statements.deleteLines.run(id);
    this.statements.deleteSale.run(id);
  }

  lines(saleId: string): PricedLineInput[] {
    return (this.statements.lines.all(saleId) as LineRow[]).map((row) => ({
      lineId: row.id,
      productId: row.product_id,
      name: row.name,
      soldBy: row.sold_by,
      quantity: row.quantity,
      unitPriceMinor: row.unit_price_minor,
      taxCategoryId: row.tax_category_id,
      taxRateBp: row.tax_rate_bp,
      discount: parseDiscount(row.discount_json),
    }));
  }

  addLine(saleId: string, line: Omit<PricedLineInput, 'discount'>, at: string): void {
    const position = (this.statements.nextPosition.get(saleId) as { n: number }).n;
    this.statements.insertLine.run({ ...line, saleId, position });
    this.statements.touch.run(at, saleId);
  }

  setQuantity(saleId: string, lineId: string, quantity: number): boolean {
    return this.statements.setQuantity.run(quantity, lineId, saleId).changes === 1;
  }

  setLineDiscount(saleId: string, lineId: string, discount: DiscountInput | null): boolean {
    return this.statements.setLineDiscount.run(discount ? JSON.stringify(discount) : null, lineId, saleId).changes === 1;
  }

  removeLine(saleId: string, lineId: string): boolean {
    return this.statements.deleteLine.run(lineId, saleId).changes === 1;
  }

  clearLines(saleId: string): void {
    this.statements.deleteLines.run(saleId);
  }

  setSaleDiscount(saleId: string, discount: DiscountInput | null, at: string): void {
    this.statements.setSaleDiscount.run(discount ? JSON.stringify(discount) : null, at, saleId);
  }

  park(saleId: string, note: string | null, at: string): boolean {
    return this.statements.park.run(at, note, at, saleId).changes === 1;
  }

  resume(saleId: string, shiftId: string, at: string): boolean {
    return this.statements.resume.run(shiftId, at, saleId).changes === 1;
  }

  parked(): SaleRow[] {
    return this.statements.parked.all() as SaleRow[];
  }

  payments(saleId: string): Payment[] {
    return (this.statements.payments.all(saleId) as PaymentRow[]).map((row) =>
      paymentSchema.parse({
        paymentId: row.id,
        method: row.method,
        amountMinor: row.amount_minor,
        status: row.status,
        cash:
          row.method === 'cash' ? { givenMinor: row.given_minor, changeMinor: row.change_minor, roundingMinor: row.rounding_minor } : null,
        card: row.card_json ? JSON.parse(row.card_json) : null,
        takenAt: row.taken_at,
      }),
    );
  }

  /** The sale a payment id already belongs to, if it was used before (a retried tender). */
  saleOfPayment(paymentId: string): string | null {
    return (this.statements.paymentById.get(paymentId) as { sale_id: string } | undefined)?.sale_id ?? null;
  }

  insertPayment(_tx: Tx, saleId: string, payment: Payment): void {
    this.statements.insertPayment.run({
      saleId,
      paymentId: payment.paymentId,
      method: payment.method,
      amountMinor: payment.amountMinor,
      status: payment.status,
      givenMinor: payment.cash?.givenMinor ?? null,
      changeMinor: payment.cash?.changeMinor ?? null,
      roundingMinor: payment.cash?.roundingMinor ?? null,
      cardJson: payment.card ? JSON.stringify(payment.card) : null,
      takenAt: payment.takenAt,
    });
  }

  /** A card payment the processor declined after forwarding: the record stays, its status says so. */
  markPaymentDeclined(_tx: Tx, paymentId: string): void {
    this.statements.declinePayment.run(paymentId);
  }

  markCompleted(_tx: Tx, saleId: string, totalMinor: number, at: string): void {
    if (this.statements.complete.run(totalMinor, at, at, saleId).changes !== 1) throw new Error('sale was not open');
  }

  markVoided(_tx: Tx, saleId: string, at: string): void {
    if (this.statements.markVoided.run(at, saleId).changes !== 1) throw new Error('sale was not completed');
  }

  /** Numbers a document with the next sequence: inside the completing transaction, so there is never a gap. */
  addDocument(
    _tx: Tx,
    doc: { kind: DocumentRow['kind']; refId: string; shiftId: string; staffId: string; at: string; terminalId: string },
  ): DocumentRow {
    const seq = (this.statements.lastSeq.get() as { n: number }).n + 1;
    const receiptNumber = `${doc.terminalId}-${String(seq).padStart(6, '0')}`;
    this.statements.insertDocument.run({ ...doc, seq, receiptNumber });
    return required(this.documentByRef(doc.refId), 'document');
  }

  documentByNumber(receiptNumber: string): DocumentRow | null {
    return (this.statements.documentByNumber.get(receiptNumber) as DocumentRow | undefined) ?? null;
  }

  documentByRef(refId: string): DocumentRow | null {
    return (this.statements.documentByRef.get(refId) as DocumentRow | undefined) ?? null;
  }

  markOutput(receiptNumber: string, output: 'print' | 'pdf', at: string): void {
    (output === 'print' ? this.statements.markPrinted : this.statements.markSaved).run(at, receiptNumber);
  }

  recentCompleted(shiftId: string, limit: number): SaleRow[] {
    return this.statements.recent.all(shiftId, limit) as SaleRow[];
  }
}
