import type { PaymentMethod } from '../../../shared/domain/sale';
import { shiftReportSchema, type ShiftReport, type ShiftView } from '../../../shared/domain/shift';
import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';

interface ShiftRow {
  id: string;
  status: 'open' | 'closed';
  currency: string;
  opened_at: string;
  opened_by: string;
  float_minor: number;
  closed_at: string | null;
  closed_by: string | null;
  counted_minor: number | null;
  report_json: string | null;
  z_number: number | null;
}

const toView = (row: ShiftRow): ShiftView => ({
  shiftId: row.id,
  status: row.status,
  currency: row.currency,
  openedAt: row.opened_at,
  openedBy: row.opened_by,
  floatMinor: row.float_minor,
  closedAt: row.closed_at,
  closedBy: row.closed_by,
});

export interface CashMovementRow {
  id: string;
  kind: 'paid_in' | 'paid_out';
  amount_minor: number;
  reason: string;
  staff_id: string;
  at: string;
}

export class ShiftRepository {
  private readonly statements;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.statements = {
      open: p("SELECT * FROM shifts WHERE status = 'open'"),
      byId: p('SELECT * FROM shifts WHERE id = ?'),
      insert: p("INSERT INTO shifts (id, status, currency, opened_at, opened_by, float_minor) VALUES (?, 'open', ?, ?, ?, ?)"),
      close: p(
        "UPDATE shifts SET status = 'closed', closed_at = ?, closed_by = ?, counted_minor = ?, report_json = ?, z_number = ? WHERE id = ? AND status = 'open'",
      ),
      lastZ: p('SELECT coalesce(max(z_number), 0) AS n FROM shifts'),
      movementById: p('SELECT * FROM cash_movements WHERE id = ?'),
      insertSettlement: p(
        'INSERT INTO declined_settlements (id, payment_id, sale_id, shift_id, method, amount_minor, staff_id, at) VALUES (@id, @paymentId, @saleId, @shiftId, @method, @amountMinor, @staffId, @at)',
      ),
      settlementsOfShift: p('SELECT method, amount_minor AS amountMinor FROM declined_settlements WHERE shift_id = ? ORDER BY at, rowid'),
      insertMovement: p(
        'INSERT INTO cash_movements (id, shift_id, kind, amount_minor, reason, staff_id, approver_id, at) VALUES (@id, @shiftId, @kind, @amountMinor, @reason, @staffId, @approverId, @at)',
      ),
    };
  }

  current(): ShiftView | null {
    const row = this.statements.open.get() as ShiftRow | undefined;
    return row ? toView(row) : null;
  }

  get(id: string): ShiftView | null {
    const row = this.statements.byId.get(id) as ShiftRow | undefined;
    return row ? toView(row) : null;
  }

  /** The Z report as it was printed when the shift closed: never recomputed afterwards. */
  closedReport(id: string): ShiftReport | null {
    const row = this.statements.byId.get(id) as ShiftRow | undefined;
    if (!row?.report_json) return null;
    // Reports stored before Z numbers carry none; the migration numbered their shifts.
    const report = JSON.parse(row.report_json) as ShiftReport;
    // Reports stored before settlements carry none: the schema's defaults fill them in.
    return shiftReportSchema.parse({ ...report, zNumber: report.zNumber ?? row.z_number });
  }

  open(_tx: Tx, shift: { id: string; currency: string; at: string; staffId: string; floatMinor: number }): void {
    this.statements.insert.run(shift.id, shift.currency, shift.at, shift.staffId, shift.floatMinor);
  }

  /** The next Z number: read and used inside the closing transaction, so numbers have no gaps. */
  nextZNumber(_tx: Tx): number {
    return (this.statements.lastZ.get() as { n: number }).n + 1;
  }

  close(_tx: Tx, id: string, close: { at: string; staffId: string; countedMinor: number; report: ShiftReport }): void {
    const changed = this.statements.close.run(
      close.at,
      close.staffId,
      close.countedMinor,
      JSON.stringify(close.report),
      close.report.zNumber,
      id,
    ).changes;
    if (changed !== 1) throw new Error('shift was not open');
  }

  movement(id: string): (CashMovementRow & { shift_id: string }) | null {
    return (this.statements.movementById.get(id) as (CashMovementRow & { shift_id: string }) | undefined) ?? null;
  }

  /** Money taken for a card payment declined after forwarding; once per payment (the table says so too). */
  addSettlement(
    _tx: Tx,
    settlement: {
      id: string;
      paymentId: string;
      saleId: string | null;
      shiftId: string;
      method: PaymentMethod;
      amountMinor: number;
      staffId: string;
      at: string;
    },
  ): void {
    this.statements.insertSettlement.run(settlement);
  }

  settlementsOf(shiftId: string): { method: PaymentMethod; amountMinor: number }[] {
    return this.statements.settlementsOfShift.all(shiftId) as { method: PaymentMethod; amountMinor: number }[];
  }

  addMovement(
    _tx: Tx,
    movement: {
      id: string;
      shiftId: string;
      kind: 'paid_in' | 'paid_out';
      amountMinor: number;
      reason: string;
      staffId: string;
      approverId: string | null;
      at: string;
    },
  ): void {
    this.statements.insertMovement.run(movement);
  }
}
