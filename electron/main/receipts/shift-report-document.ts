import { formatRateBp } from '../../../shared/domain/display-format';
import { receiptDocumentSchema, type ReceiptDocument, type ReceiptRow } from '../../../shared/domain/receipt';
import type { ShiftReport } from '../../../shared/domain/shift';
import { formatTime, header, moneyFormatter, pair, rule, text, type Copy, type ReceiptContext } from './receipt-rows';

export interface ReportContext extends ReceiptContext {
  /** Reports name staff; the report itself carries only their ids. */
  staffName(staffId: string): string;
  /** Who asked for this printout. */
  printedBy: string;
  printedAt: Date;
}

const counted = (label: string, count: number) => `${label} (${count})`;

/** An X (mid-shift) or Z (closing) report on paper: the figures of one calculation, as they were computed. */
export function shiftReportDocument(report: ShiftReport, context: ReportContext, copy: Copy): ReceiptDocument {
  const money = moneyFormatter(report.currency, context);
  const time = (iso: string) => formatTime(iso, context);
  const title = report.kind === 'Z' ? 'Z report' : 'X report';
  const { cash } = report;
  const rows: ReceiptRow[] = [
    ...header(context, copy, report.kind === 'Z' ? 'Z REPORT (SHIFT CLOSED)' : 'X REPORT (SHIFT OPEN)'),
    ...(report.zNumber !== null ? [pair('Z number', String(report.zNumber).padStart(6, '0'), { emphasis: true })] : []),
    pair('Shift', report.shiftId.slice(-12)),
    pair('Opened', time(report.openedAt), { detail: `by ${context.staffName(report.openedBy)}` }),
    ...(report.closedAt
      ? [pair('Closed', time(report.closedAt), report.closedBy ? { detail: `by ${context.staffName(report.closedBy)}` } : {})]
      : []),
    pair('Figures as of', time(report.generatedAt)),
    rule(),
    pair(counted('Sales', report.sales.count), money(report.sales.amountMinor)),
    pair(counted('Discounts', report.discounts.count), money(-report.discounts.amountMinor)),
    pair(counted('Refunds', report.refunds.count), money(-report.refunds.amountMinor)),
    pair(counted('Voids', report.voids.count), money(-report.voids.amountMinor)),
    pair('Net sales', money(report.netSalesMinor), { emphasis: true }),
    ...(report.settlements.count > 0
      ? [pair(counted('Declined cards settled', report.settlements.count), money(report.settlements.amountMinor))]
      : []),
    rule(),
    text('Tax'),
    ...report.taxByRate.map((rate) =>
      pair(`Tax ${formatRateBp(rate.rateBp, context.locale)} on ${money(rate.netMinor)}`, money(rate.taxMinor)),
    ),
    rule(),
    text('Tenders'),
    ...report.tenders.map((tender) => pair(counted(tender.method === 'cash' ? 'Cash' : 'Card', tender.count), money(tender.amountMinor))),
    rule(),
    text('Cash drawer'),
    pair('Float', money(cash.floatMinor)),
    pair('Cash sales', money(cash.salesMinor)),
    pair('Cash refunds', money(-cash.refundsMinor)),
    pair('Paid in', money(cash.paidInMinor)),
    pair('Paid out', money(-cash.paidOutMinor)),
    ...(cash.settlementsMinor !== 0 ? [pair('Declined cards settled', money(cash.settlementsMinor))] : []),
    ...(cash.roundingMinor !== 0 ? [pair('Cash rounding', money(cash.roundingMinor))] : []),
    pair('Expected in drawer', money(cash.expectedMinor), { emphasis: true }),
    ...(cash.countedMinor !== null ? [pair('Counted', money(cash.countedMinor))] : []),
    ...(cash.differenceMinor !== null
      ? [
          pair(cash.differenceMinor < 0 ? 'Short' : cash.differenceMinor > 0 ? 'Over' : 'Difference', money(cash.differenceMinor), {
            emphasis: true,
          }),
        ]
      : []),
    rule(),
    pair('Printed by', context.printedBy),
    pair('Terminal', `${context.terminal.name} (${context.terminal.id})`),
    pair('Printed', time(context.printedAt.toISOString())),
  ];
  return receiptDocumentSchema.parse({
    kind: report.kind === 'Z' ? 'z_report' : 'x_report',
    receiptNumber: `${report.kind}-${report.shiftId}`,
    title,
    copy,
    rows,
    barcode: null,
  });
}
