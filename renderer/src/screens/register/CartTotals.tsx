import { Fragment } from 'react';
import type { SaleView } from '../../../../shared/domain/sale';
import { formatMoney, formatRate } from '../../format/money';

/** Subtotal, discounts, tax per rate and the total: the figures the receipt will print. */
export function CartTotals({ sale }: { sale: SaleView }) {
  const { totals } = sale;
  const money = (minor: number) => formatMoney(minor, totals.currency);
  return (
    <dl className="totals" aria-label="Sale totals">
      <dt>Subtotal</dt>
      <dd>{money(totals.subtotalMinor)}</dd>
      {totals.discountMinor > 0 && (
        <>
          <dt>Discounts{sale.saleDiscount ? ` (sale: ${sale.saleDiscount.reason})` : ''}</dt>
          <dd>{money(-totals.discountMinor)}</dd>
        </>
      )}
      {totals.taxBreakdown.map((rate) => (
        <Fragment key={rate.rateBp}>
          <dt>
            {/* The same base as the receipt and the Z report: the amount before tax. */}
            Tax {formatRate(rate.rateBp)} on {money(rate.netMinor)}
          </dt>
          <dd>{money(rate.taxMinor)}</dd>
        </Fragment>
      ))}
      <dt>{totals.taxMode === 'inclusive' ? 'Tax included' : 'Tax added'}</dt>
      <dd>{money(totals.taxMinor)}</dd>
      <dt className="totals__grand">Total</dt>
      <dd className="totals__grand" data-testid="sale-total">
        {money(totals.totalMinor)}
      </dd>
      {sale.paidMinor > 0 && (
        <>
          <dt>Paid</dt>
          <dd>{money(sale.paidMinor)}</dd>
          <dt>Still to pay</dt>
          <dd>{money(sale.remainingMinor)}</dd>
        </>
      )}
    </dl>
  );
}
