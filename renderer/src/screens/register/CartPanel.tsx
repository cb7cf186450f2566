import { useEffect, useRef } from 'react';
import type { SaleView } from '../../../../shared/domain/sale';
import { Button } from '../../components/Button';
import { Kbd } from '../../components/Kbd';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { CartLineRow, type LineActions } from './CartLineRow';
import { SaleCustomer } from './SaleCustomer';

/** The sale as main holds it: lines newest last (kept in view; the list scrolls) and what can be done to the whole sale. */
export function CartPanel({
  sale,
  selected,
  actions,
  message,
  onSaleDiscount,
  onClear,
  onPark,
  onParked,
}: {
  sale: SaleView | null;
  selected: string | null;
  actions: LineActions;
  /** The outcome of the last scan or change, read out and shown above the lines. */
  message: StatusMessage | null;
  onSaleDiscount: () => void;
  onClear: () => void;
  onPark: () => void;
  onParked: () => void;
}) {
  const list = useRef<HTMLUListElement>(null);
  const lines = sale?.lines ?? [];
  const currency = sale?.totals.currency ?? 'EUR';
  const empty = lines.length === 0;
  const tendered = (sale?.payments.length ?? 0) > 0;

  useEffect(() => {
    const box = list.current;
    if (!box) return;
    const reveal = () => box.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
    reveal();
    // The list's height follows the window (and the status above it): keep the selected line in view as it changes.
    const observer = new ResizeObserver(reveal);
    observer.observe(box);
    return () => observer.disconnect();
  }, [selected, lines.length]);

  return (
    <section className="cart" aria-labelledby="cart-title">
      <div className="cart__header">
        <h2 id="cart-title">Sale</h2>
        <span className="muted">{empty ? 'Empty' : `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`}</span>
      </div>
      <StatusLine message={message} id="register-status" />
      {sale && <SaleCustomer key={sale.saleId} saleId={sale.saleId} locked={tendered} />}
      <ul className="cart__lines" ref={list} aria-label="Cart lines">
        {lines.map((line) => (
          <CartLineRow key={line.lineId} line={line} currency={currency} selected={line.lineId === selected} actions={actions} />
        ))}
        {empty && <li className="cart__empty muted">Scan an item, search (F2) or tap a product.</li>}
      </ul>
      <div className="actions cart__actions">
        <Button variant="secondary" className="button--small" disabled={empty || tendered} onClick={onSaleDiscount}>
          Sale discount
        </Button>
        <Button variant="secondary" className="button--small" disabled={empty || tendered} onClick={onPark} aria-keyshortcuts="F8">
          Park <Kbd>F8</Kbd>
        </Button>
        <Button variant="secondary" className="button--small" onClick={onParked} disabled={!empty} aria-keyshortcuts="F9">
          Parked sales <Kbd>F9</Kbd>
        </Button>
        <Button variant="danger" className="button--small" disabled={empty || tendered} onClick={onClear}>
          Clear
        </Button>
      </div>
    </section>
  );
}
