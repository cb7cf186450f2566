import type { PaymentMethod } from '../../../shared/domain/sale';
import type { ShiftReport } from '../../../shared/domain/shift';
import type { ShiftActivity } from '../ledger/sales-ledger';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The one calculation behind the X report (mid-shift) and the Z report (at close, with the counted
 * cash). A voided sale counts as a sale and as a void; its money, tax and tenders are left out,
 * since the void gave all of it back.
 */
export function computeShiftReport(activity: ShiftActivity, kind: 'X' | 'Z', generatedAt: Date, countedMinor: number | null): ShiftReport {
  const { shift, sales, refunds, voids, movements, settlements } = activity;
  const kept = sales.filter((s) => s.status === 'completed');

  const taxByRate = new Map<number, { netMinor: number; taxMinor: number }>();
  const addTax = (rateBp: number, netMinor: number, taxMinor: number) => {
    const entry = taxByRate.get(rateBp) ?? { netMinor: 0, taxMinor: 0 };
    taxByRate.set(rateBp, { netMinor: entry.netMinor + netMinor, taxMinor: entry.taxMinor + taxMinor });
  };
  for (const sale of kept) for (const b of sale.totals.taxBreakdown) addTax(b.rateBp, b.netMinor, b.taxMinor);
  for (const refund of refunds) for (const b of refund.taxBreakdown) addTax(b.rateBp, -b.netMinor, -b.taxMinor);

  const tenders = new Map<PaymentMethod, { count: number; amountMinor: number }>();
  const addTender = (method: PaymentMethod, count: number, amountMinor: number) => {
    const entry = tenders.get(method) ?? { count: 0, amountMinor: 0 };
    tenders.set(method, { count: entry.count + count, amountMinor: entry.amountMinor + amountMinor });
  };
  // A card declined after forwarding took nothing: it is owed, and shows under needs attention.
  for (const sale of kept) for (const p of sale.payments) if (p.status !== 'declined') addTender(p.method, 1, p.amountMinor);
  for (const refund of refunds) for (const t of refund.tenders) addTender(t.method, 0, -t.amountMinor);
  // A declined card payment settled another way is takings of the shift it was taken in.
  for (const s of settlements) addTender(s.method, 1, s.amountMinor);

  const cashPayments = kept.flatMap((s) => s.payments.filter((p) => p.method === 'cash'));
  const cashSales = sum(cashPayments.map((p) => p.amountMinor));
  const cashRefunds = sum(refunds.flatMap((r) => r.tenders.filter((t) => t.method === 'cash').map((t) => t.amountMinor)));
  const paidIn = sum(movements.filter((m) => m.kind === 'paid_in').map((m) => m.amountMinor));
  const paidOut = sum(movements.filter((m) => m.kind === 'paid_out').map((m) => m.amountMinor));
  const cashSettlements = sum(settlements.filter((s) => s.method === 'cash').map((s) => s.amountMinor));
  const expectedMinor = shift.floatMinor + cashSales - cashRefunds + paidIn - paidOut + cashSettlements;

  const salesMinor = sum(sales.map((s) => s.totals.totalMinor));
  const refundsMinor = sum(refunds.map((r) => r.totalMinor));
  const voidsMinor = sum(voids.map((v) => v.totalMinor));
  return {
    kind,
    zNumber: null,
    shiftId: shift.shiftId,
    generatedAt: generatedAt.toISOString(),
    currency: shift.currency,
    openedAt: shift.openedAt,
    openedBy: shift.openedBy,
    closedAt: shift.closedAt,
    closedBy: shift.closedBy,
    sales: { count: sales.length, amountMinor: salesMinor },
    discounts: { count: kept.filter((s) => s.totals.discountMinor > 0).length, amountMinor: sum(kept.map((s) => s.totals.discountMinor)) },
    refunds: { count: refunds.length, amountMinor: refundsMinor },
    voids: { count: voids.length, amountMinor: voidsMinor },
    settlements: { count: settlements.length, amountMinor: sum(settlements.map((s) => s.amountMinor)) },
    netSalesMinor: salesMinor - refundsMinor - voidsMinor,
    taxByRate: [...taxByRate.entries()].sort(([a], [b]) => b - a).map(([rateBp, v]) => ({ rateBp, ...v })),
    tenders: [...tenders.entries()].map(([method, v]) => ({ method, ...v })),
    cash: {
      floatMinor: shift.floatMinor,
      salesMinor: cashSales,
      refundsMinor: cashRefunds,
      paidInMinor: paidIn,
      paidOutMinor: paidOut,
      settlementsMinor: cashSettlements,
      // What cash rounding brought the drawer: taken on sales, less handed out on refunds.
      roundingMinor:
        sum(cashPayments.map((p) => p.cash?.roundingMinor ?? 0)) - sum(refunds.flatMap((r) => r.tenders.map((t) => t.roundingMinor))),
      expectedMinor,
      countedMinor,
      differenceMinor: countedMinor === null ? null : countedMinor - expectedMinor,
    },
  };
}
