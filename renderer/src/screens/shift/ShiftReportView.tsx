import { Table } from '../../components/Table';
import type { ShiftReport } from '../../../../shared/domain/shift';
import { formatMoney, formatRate } from '../../format/money';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** X (mid-shift) and Z (closing) reports share one calculation in main and this one view. */
export function ShiftReportView({ report }: { report: ShiftReport }) {
  const money = (minor: number) => formatMoney(minor, report.currency);
  const { cash } = report;
  return (
    <article className="report" aria-label={`${report.kind} report`}>
      <dl className="facts">
        {report.zNumber !== null && (
          <>
            <dt>Z number</dt>
            <dd data-testid="report-z-number">{String(report.zNumber).padStart(6, '0')}</dd>
          </>
        )}
        <dt>Opened</dt>
        <dd>{when(report.openedAt)}</dd>
        {report.kind === 'Z' && (
          <>
            <dt>Closed</dt>
            <dd>{when(report.closedAt)}</dd>
          </>
        )}
        <dt>Sales</dt>
        <dd data-testid="report-sales">
          {report.sales.count} · {money(report.sales.amountMinor)}
        </dd>
        <dt>Discounts</dt>
        <dd>
          {report.discounts.count} · {money(-report.discounts.amountMinor)}
        </dd>
        <dt>Refunds</dt>
        <dd data-testid="report-refunds">
          {report.refunds.count} · {money(-report.refunds.amountMinor)}
        </dd>
        <dt>Voids</dt>
        <dd>
          {report.voids.count} · {money(-report.voids.amountMinor)}
        </dd>
        <dt>Net sales</dt>
        <dd data-testid="report-net">{money(report.netSalesMinor)}</dd>
        {report.settlements.count > 0 && (
          <>
            <dt>Declined cards settled</dt>
            <dd data-testid="report-settlements">
              {report.settlements.count} · {money(report.settlements.amountMinor)}
            </dd>
          </>
        )}
      </dl>
      <h3>Tax by rate</h3>
      <Table columns={['Rate', 'Net', 'Tax']}>
        {report.taxByRate.map((t) => (
          <tr key={t.rateBp}>
            <td>{formatRate(t.rateBp)}</td>
            <td>{money(t.netMinor)}</td>
            <td>{money(t.taxMinor)}</td>
          </tr>
        ))}
      </Table>
      <h3>Tenders</h3>
      <dl className="facts">
        {report.tenders.map((t) => (
          <div key={t.method} className="facts__row">
            <dt>{t.method === 'cash' ? 'Cash' : 'Card'}</dt>
            <dd>
              {t.count} · {money(t.amountMinor)}
            </dd>
          </div>
        ))}
      </dl>
      <h3>Cash drawer</h3>
      <dl className="facts" aria-label="Cash drawer">
        <dt>Float</dt>
        <dd>{money(cash.floatMinor)}</dd>
        <dt>Cash sales</dt>
        <dd>{money(cash.salesMinor)}</dd>
        <dt>Cash refunds</dt>
        <dd>{money(-cash.refundsMinor)}</dd>
        <dt>Paid in</dt>
        <dd>{money(cash.paidInMinor)}</dd>
        <dt>Paid out</dt>
        <dd>{money(-cash.paidOutMinor)}</dd>
        {cash.settlementsMinor !== 0 && (
          <>
            <dt>Declined cards settled</dt>
            <dd>{money(cash.settlementsMinor)}</dd>
          </>
        )}
        <dt>Cash rounding</dt>
        <dd>{money(cash.roundingMinor)}</dd>
        <dt>Expected in drawer</dt>
        <dd data-testid="report-expected">{money(cash.expectedMinor)}</dd>
        {cash.countedMinor !== null && (
          <>
            <dt>Counted</dt>
            <dd data-testid="report-counted">{money(cash.countedMinor)}</dd>
            <dt>Difference</dt>
            <dd data-testid="report-difference" className={cash.differenceMinor ? 'amount--warning' : undefined}>
              {money(cash.differenceMinor ?? 0)}
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}
