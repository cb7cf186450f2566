import { memo } from 'react';
import type { SaleLine } from '../../../../shared/domain/sale';
import { formatGrams, formatMoney } from '../../format/money';

export interface LineActions {
  onSelect: (lineId: string) => void;
  /** One more (+1) or one less (−1) of a unit line. */
  onStep: (line: SaleLine, delta: 1 | -1) => void;
  onWeigh: (line: SaleLine) => void;
  onDiscount: (line: SaleLine) => void;
  onRemove: (lineId: string) => void;
}

function describeDiscount(line: SaleLine, currency: string): string | null {
  if (!line.discount) return null;
  const what = line.discount.kind === 'percent' ? `${line.discount.basisPoints / 100} %` : formatMoney(line.discount.amountMinor, currency);
  return `Discount ${what} (${line.discount.reason}): ${formatMoney(-line.lineDiscountMinor, currency)}`;
}

function CartLineRowInner({
  line,
  currency,
  selected,
  actions,
}: {
  line: SaleLine;
  currency: string;
  selected: boolean;
  actions: LineActions;
}) {
  const discount = describeDiscount(line, currency);
  const weighed = line.soldBy === 'weight';
  return (
    <li className="cart-line" data-line-id={line.lineId} aria-current={selected ? 'true' : undefined}>
      <button type="button" className="cart-line__name" onClick={() => actions.onSelect(line.lineId)}>
        <span>{line.name}</span>
        <span className="muted cart-line__unit">
          {weighed
            ? `${formatGrams(line.quantity)} × ${formatMoney(line.unitPriceMinor, currency)}/kg`
            : `${line.quantity} × ${formatMoney(line.unitPriceMinor, currency)}`}
        </span>
        {discount && <span className="cart-line__discount">{discount}</span>}
      </button>
      <span className="cart-line__amount">{formatMoney(line.grossMinor - line.lineDiscountMinor, currency)}</span>
      <div className="cart-line__controls">
        {weighed ? (
          <button
            type="button"
            className="icon-button"
            onClick={() => actions.onWeigh(line)}
            aria-label={`Change the weight of ${line.name}`}
          >
            g
          </button>
        ) : (
          <>
            <button type="button" className="icon-button" onClick={() => actions.onStep(line, -1)} aria-label={`One less ${line.name}`}>
              −
            </button>
            <span className="cart-line__qty" aria-label={`Quantity of ${line.name}`}>
              {line.quantity}
            </span>
            <button type="button" className="icon-button" onClick={() => actions.onStep(line, 1)} aria-label={`One more ${line.name}`}>
              +
            </button>
          </>
        )}
        <button type="button" className="icon-button" onClick={() => actions.onDiscount(line)} aria-label={`Discount on ${line.name}`}>
          %
        </button>
        <button
          type="button"
          className="icon-button icon-button--danger"
          onClick={() => actions.onRemove(line.lineId)}
          aria-label={`Remove ${line.name}`}
        >
          ×
        </button>
      </div>
    </li>
  );
}

function sameDiscount(a: SaleLine['discount'], b: SaleLine['discount']): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind || a.reason !== b.reason) return false;
  return a.kind === 'percent' ? a.basisPoints === (b as typeof a).basisPoints : a.amountMinor === (b as typeof a).amountMinor;
}

/**
 * Every cart answer is a fresh object, so rows compare what they show: a scan re-renders the new
 * line and the totals, not every line above it.
 */
export const CartLineRow = memo(
  CartLineRowInner,
  (prev, next) =>
    prev.selected === next.selected &&
    prev.currency === next.currency &&
    prev.actions === next.actions &&
    prev.line.lineId === next.line.lineId &&
    prev.line.name === next.line.name &&
    prev.line.quantity === next.line.quantity &&
    prev.line.unitPriceMinor === next.line.unitPriceMinor &&
    prev.line.grossMinor === next.line.grossMinor &&
    prev.line.lineDiscountMinor === next.line.lineDiscountMinor &&
    sameDiscount(prev.line.discount, next.line.discount),
);
