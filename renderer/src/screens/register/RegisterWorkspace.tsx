import { useCallback, useMemo, useRef, useState } from 'react';
import type { Product } from '../../../../shared/domain/catalog';
import type { SaleLine } from '../../../../shared/domain/sale';
import { formatMoney } from '../../format/money';
import { useScanner } from '../../scanner/use-scanner';
import { ShortcutBar } from '../../shortcuts/ShortcutBar';
import { useShortcuts, type Shortcut } from '../../shortcuts/use-shortcuts';
import { CartPanel } from './CartPanel';
import { CartTotals } from './CartTotals';
import type { LineActions } from './CartLineRow';
import { ClearDialog } from './ClearDialog';
import { DiscountDialog } from './DiscountDialog';
import { ParkDialog } from './ParkDialog';
import { ParkedDialog } from './ParkedDialog';
import { ProductFinder } from './ProductFinder';
import { RemoveLineDialog } from './RemoveLineDialog';
import { SaleComplete } from './SaleComplete';
import { TenderPanel } from './TenderPanel';
import { TENDER_METHODS } from './tender-methods';
import { useCart } from './use-cart';
import { useCountPrefix } from './use-count-prefix';
import { WeightDialog } from './WeightDialog';

type OpenDialog =
  | { kind: 'lineDiscount'; line: SaleLine }
  | { kind: 'remove'; line: SaleLine }
  | { kind: 'saleDiscount' }
  | { kind: 'weigh'; line: SaleLine }
  | { kind: 'parked' }
  | { kind: 'park' }
  | { kind: 'clear' }
  | null;

/** Products on the left; the sale, its payment or its receipt on the right. Scans work anywhere on it. */
export function RegisterWorkspace() {
  const cart = useCart();
  const { sale, selected, completed, weighing } = cart;
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [method, setMethod] = useState<string>(TENDER_METHODS[0]?.id ?? 'cash');
  const search = useRef<HTMLInputElement>(null);
  const tenderInput = useRef<HTMLInputElement>(null);
  const close = useMemo(() => () => setDialog(null), []);
  const currency = sale?.totals.currency ?? 'EUR';
  const selectedLine = sale?.lines.find((l) => l.lineId === selected) ?? null;

  const { setSelected, step, removeLine, setWeighing, addProduct, scan, setMessage } = cart;
  const count = useCountPrefix(
    useCallback(
      (n: number | null) => setMessage(n ? { tone: 'info', text: `Next item × ${n}: scan or tap it (Esc cancels).` } : null),
      [setMessage],
    ),
  );
  const { take } = count;
  useScanner(useCallback((code: string) => void scan(code, take()), [scan, take]));

  // Stable across renders so the memoised cart rows do not re-render on every scan.
  const actions = useMemo<LineActions>(
    () => ({
      onSelect: setSelected,
      onStep: (line, delta) => {
        if (step(line.lineId, delta) === 'ask') setDialog({ kind: 'remove', line });
      },
      onWeigh: (line) => setDialog({ kind: 'weigh', line }),
      onDiscount: (line) => setDialog({ kind: 'lineDiscount', line }),
      onRemove: removeLine,
    }),
    [setSelected, step, removeLine],
  );

  const pick = useCallback(
    (product: Product) => {
      const times = take();
      if (product.soldBy === 'weight') {
        if (times) setMessage({ tone: 'error', text: `${product.name} is sold by weight: weigh it instead of typing a count.` });
        setWeighing(product);
        return;
      }
      void addProduct(product.sku, undefined, times);
    },
    [setWeighing, addProduct, take, setMessage],
  );
  const hasLines = (sale?.lines.length ?? 0) > 0;
  const shortcuts: Shortcut[] = [
    { key: 'F2', label: completed ? 'New sale' : 'Search', run: () => (completed ? cart.newSale() : search.current?.focus()) },
    ...TENDER_METHODS.map((m) => ({
      key: m.shortcut,
      label: `${m.label} payment`,
      run: () => (setMethod(m.id), tenderInput.current?.focus()),
      disabled: !hasLines,
    })),
    { key: 'F8', label: 'Park sale', run: () => setDialog({ kind: 'park' }), disabled: !hasLines || (sale?.payments.length ?? 0) > 0 },
    { key: 'F9', label: 'Parked sales', run: () => setDialog({ kind: 'parked' }), disabled: hasLines },
    { key: '+', label: 'One more', run: () => selectedLine && actions.onStep(selectedLine, 1), outsideFields: true },
    { key: '-', label: 'One less', run: () => selectedLine && actions.onStep(selectedLine, -1), outsideFields: true },
    { key: 'Delete', label: 'Remove line', run: () => selectedLine && cart.removeLine(selectedLine.lineId), outsideFields: true },
  ];
  useShortcuts(shortcuts);

  return (
    <div className="register-screen">
      <h1 className="visually-hidden">Register</h1>
      <div className="register">
        <ProductFinder ref={search} onPick={pick} />
        {completed && !hasLines ? (
          <SaleComplete completed={completed} onNewSale={() => (cart.newSale(), search.current?.focus())} message={cart.message} />
        ) : (
          <>
            <CartPanel
              sale={sale}
              selected={selected}
              actions={actions}
              message={cart.message}
              onSaleDiscount={() => setDialog({ kind: 'saleDiscount' })}
              onClear={() => setDialog({ kind: 'clear' })}
              onPark={() => setDialog({ kind: 'park' })}
              onParked={() => setDialog({ kind: 'parked' })}
            />
            {/* Pinned beside the lines: the total and the way to pay never scroll away. */}
            <div className="register__pay">
              {sale && hasLines ? (
                <>
                  <CartTotals sale={sale} />
                  <TenderPanel
                    sale={sale}
                    method={method}
                    onMethod={setMethod}
                    onTendered={cart.tendered}
                    onError={(text) => cart.setMessage({ tone: 'error', text })}
                    inputRef={tenderInput}
                  />
                </>
              ) : (
                <p className="register__idle muted">The total and payment show here once the sale has an item.</p>
              )}
            </div>
          </>
        )}
      </div>
      <ShortcutBar shortcuts={[...shortcuts, { key: 'Esc', label: 'Close dialog' }]} />
      {weighing && (
        <WeightDialog
          name={weighing.name}
          pricePerKgMinor={weighing.priceMinor}
          currency={weighing.currency}
          onWeighed={(grams) => void cart.addProduct(weighing.sku, grams)}
          onCancel={() => cart.setWeighing(null)}
        />
      )}
      {dialog?.kind === 'weigh' && (
        <WeightDialog
          name={dialog.line.name}
          pricePerKgMinor={dialog.line.unitPriceMinor}
          currency={currency}
          initialGrams={dialog.line.quantity}
          onWeighed={(grams) => (close(), void cart.setQuantity(dialog.line.lineId, grams))}
          onCancel={close}
        />
      )}
      {dialog?.kind === 'lineDiscount' && (
        <DiscountDialog
          title={`Discount on ${dialog.line.name}`}
          currency={currency}
          current={dialog.line.discount}
          onApply={(d) => (close(), void cart.discountLine(dialog.line.lineId, d))}
          onCancel={close}
        />
      )}
      {dialog?.kind === 'saleDiscount' && (
        <DiscountDialog
          title="Discount on the sale"
          currency={currency}
          current={sale?.saleDiscount ?? null}
          onApply={(d) => (close(), void cart.discountSale(d))}
          onCancel={close}
        />
      )}
      {dialog?.kind === 'park' && <ParkDialog onPark={(note) => (close(), void cart.park(note))} onCancel={close} />}
      {dialog?.kind === 'parked' && <ParkedDialog onResume={(id) => (close(), void cart.resume(id))} onCancel={close} />}
      {dialog?.kind === 'remove' && (
        <RemoveLineDialog name={dialog.line.name} onConfirm={() => (close(), void cart.removeLine(dialog.line.lineId))} onCancel={close} />
      )}
      {dialog?.kind === 'clear' && (
        <ClearDialog
          onConfirm={() => (
            close(),
            void cart.clear(
              `clearing this sale of ${sale?.lines.length ?? 0} lines (${formatMoney(sale?.totals.totalMinor ?? 0, currency)})`,
            )
          )}
          onCancel={close}
        />
      )}
      {cart.approvalDialog}
    </div>
  );
}
