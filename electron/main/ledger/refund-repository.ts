import { refundViewSchema, type RefundView } from '../../../shared/domain/refund';
import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';

export interface VoidRow {
  id: string;
  sale_id: string;
  shift_id: string;
  staff_id: string;
  approver_id: string | null;
  reason: string;
  total_minor: number;
  created_at: string;
}

/** Refunds and voids: new records that point at the sale they undo. */
export class RefundRepository {
  private readonly statements;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.statements = {
      refund: p('SELECT record_json FROM refunds WHERE id = ?'),
      refundedByLine: p(
        'SELECT rl.line_id, sum(rl.quantity) AS quantity FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id WHERE r.sale_id = ? GROUP BY rl.line_id',
      ),
      refundsOfSale: p('SELECT record_json FROM refunds WHERE sale_id = ? ORDER BY created_at, rowid'),
      refundsOfShift: p('SELECT record_json FROM refunds WHERE shift_id = ? ORDER BY created_at, rowid'),
      insertRefund: p(
        'INSERT INTO refunds (id, sale_id, shift_id, staff_id, approver_id, reason, record_json, total_minor, created_at) VALUES (@id, @saleId, @shiftId, @staffId, @approverId, @reason, @recordJson, @totalMinor, @at)',
      ),
      insertRefundLine: p('INSERT INTO refund_lines (refund_id, line_id, quantity, amount_minor) VALUES (?, ?, ?, ?)'),
      voidById: p('SELECT * FROM voids WHERE id = ?'),
      voidOfSale: p('SELECT * FROM voids WHERE sale_id = ?'),
      voidsOfShift: p('SELECT * FROM voids WHERE shift_id = ? ORDER BY created_at, rowid'),
      insertVoid: p(
        'INSERT INTO voids (id, sale_id, shift_id, staff_id, approver_id, reason, total_minor, created_at) VALUES (@id, @saleId, @shiftId, @staffId, @approverId, @reason, @totalMinor, @at)',
      ),
    };
  }

  refund(id: string): RefundView | null {
    const row = this.statements.refund.get(id) as { record_json: string } | undefined;
    return row ? refundViewSchema.parse(JSON.parse(row.record_json)) : null;
  }

  /** How much of each line of a sale has been refunded so far. */
  refundedQuantities(saleId: string): Map<string, number> {
    const rows = this.statements.refundedByLine.all(saleId) as { line_id: string; quantity: number }[];
    return new Map(rows.map((r) => [r.line_id, r.quantity]));
  }

  refundsOfSale(saleId: string): RefundView[] {
    return (this.statements.refundsOfSale.all(saleId) as { record_json: string }[]).map((r) =>
      refundViewSchema.parse(JSON.parse(r.record_json)),
    );
  }

  refundsOfShift(shiftId: string): RefundView[] {
    return (this.statements.refundsOfShift.all(shiftId) as { record_json: string }[]).map((r) =>
      refundViewSchema.parse(JSON.parse(r.record_json)),
    );
  }

  addRefund(_tx: Tx, shiftId: string, refund: RefundView, at: string): void {
    this.statements.insertRefund.run({
      id: refund.refundId,
      saleId: refund.originalSaleId,
      shiftId,
      staffId: refund.staffId,
      approverId: refund.approverId,
      reason: refund.reason,
      recordJson: JSON.stringify(refund),
      totalMinor: refund.totalMinor,
      at,
    });
    for (const line of refund.lines) this.statements.insertRefundLine.run(refund.refundId, line.lineId, line.quantity, line.amountMinor);
  }

  voidById(id: string): VoidRow | null {
    return (this.statements.voidById.get(id) as VoidRow | undefined) ?? null;
  }

  voidOfSale(saleId: string): VoidRow | null {
    return (this.statements.voidOfSale.get(saleId) as VoidRow | undefined) ?? null;
  }

  voidsOfShift(shiftId: string): VoidRow[] {
    return this.statements.voidsOfShift.all(shiftId) as VoidRow[];
  }

  addVoid(
    _tx: Tx,
    row: {
      id: string;
      saleId: string;
      shiftId: string;
      staffId: string;
      approverId: string | null;
      reason: string;
      totalMinor: number;
      at: string;
    },
  ): void {
    this.statements.insertVoid.run(row);
  }
}
