import { memo } from 'react';
import type { Product } from '../../../../shared/domain/catalog';
import { formatMoney } from '../../format/money';

export const ProductTiles = memo(function ProductTiles({
  label,
  products,
  onPick,
  empty,
}: {
  label: string;
  products: Product[];
  onPick: (p: Product) => void;
  empty: string;
}) {
  if (products.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="tiles" aria-label={label}>
      {products.map((p) => (
        <li key={p.sku}>
          <button type="button" className="tile" disabled={!p.active} onClick={() => onPick(p)}>
            <span className="tile__name">{p.name}</span>
            <span className="tile__price">
              {formatMoney(p.priceMinor, p.currency)}
              {p.soldBy === 'weight' ? ' / kg' : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
});
