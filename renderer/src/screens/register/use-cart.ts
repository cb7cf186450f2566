import { useCallback, useEffect, useRef, useState } from 'react';
import type { Product } from '../../../../shared/domain/catalog';
import type { ReceiptDocument } from '../../../../shared/domain/receipt';
import { MAX_UNIT_QUANTITY, type DiscountInput, type SaleView } from '../../../../shared/domain/sale';
import type { AddItemResult } from '../../../../shared/ipc/areas/sales';
import { BridgeError } from '../../bridge/client';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import type { StatusMessage } from '../../components/StatusLine';
import { discountPhrase, lineDiscountBase, saleDiscountBase } from '../../session/approval-wording';
import { useGuardedAction } from '../../session/use-guarded-action';
import type { TenderOutcome } from './tender-methods';

export interface CompletedSale {
  sale: SaleView;
  changeMinor: number;
  receiptNumber: string;
  /** The printable receipt, when main's receipts area built one with the answer. */
  document: ReceiptDocument | null;
}

function problem(error: unknown, action: string): StatusMessage {
  if (error instanceof BridgeError && error.code === 'invalid_request' && action === 'scan')
    return { tone: 'error', text: 'That is not a barcode this till can read. Nothing was added.' };
  return { tone: 'error', text: errorMessage(error, action, 'Something went wrong. Nothing was changed.') };
}

/**
 * The page's mirror of the open sale in main. Every cart call answers with the whole sale, which
 * replaces the mirror as it is: no re-fetching, so a scan costs one round trip and one render.
 */
export function useCart() {
  const api = useApi();
  const { run: guarded, dialog: approvalDialog } = useGuardedAction();
  const [sale, setSale] = useState<SaleView | null>(null);
  const [ready, setReady] = useState(false);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [weighing, setWeighing] = useState<Product | null>(null);
  const [completed, setCompleted] = useState<CompletedSale | null>(null);
  // The sale as last answered, for quantity steps made faster than answers come back.
  const latest = useRef<SaleView | null>(null);
  useEffect(() => {
    latest.current = sale;
  }, [sale]);
  /** Per line, the quantity the cashier has asked for and main has not yet confirmed. */
  const targets = useRef(new Map<string, number>());
  const sending = useRef(new Set<string>());

  useEffect(() => {
    api.sales.current().then(
      (current) => {
        setSale(current);
        setReady(true);
      },
      (error: unknown) => setMessage(problem(error, 'sell')),
    );
  }, [api]);

  const onAdded = useCallback((result: AddItemResult) => {
    switch (result.outcome) {
      case 'added': {
        setSale(result.sale);
        setCompleted(null);
        setSelected(result.lineId);
        const line = result.sale.lines.find((l) => l.lineId === result.lineId);
        setMessage({ tone: 'ok', text: `Added ${line?.name ?? 'item'}.` });
        return;
      }
      case 'unknown_barcode':
        setMessage({ tone: 'error', text: `Unknown barcode ${result.code}. Nothing was added.` });
        return;
      case 'needs_weight':
        setWeighing(result.product);
        return;
      case 'inactive':
        setMessage({ tone: 'error', text: `${result.product.name} is no longer sold. Nothing was added.` });
    }
  }, []);

  /** `times` is the cashier's typed count ("5 ×") for a unit product. */
  const scan = useCallback(
    (code: string, times?: number) =>
      api.sales.addByBarcode({ code, ...(times ? { times } : {}) }).then(onAdded, (error: unknown) => setMessage(problem(error, 'scan'))),
    [api, onAdded],
  );
  const addProduct = useCallback(
    (productId: string, quantity?: number, times?: number) => {
      setWeighing(null);
      const request = { productId, ...(quantity ? { quantity } : {}), ...(times ? { times } : {}) };
      // A weight typed while a scale is set up needs a manager: the approval dialog asks for one.
      return guarded('sales.addProduct', request, 'Add this weight typed by hand').then(
        (added) => added && onAdded(added),
        (error: unknown) => setMessage(problem(error, 'sell')),
      );
    },
    [onAdded, guarded],
  );

  /** Runs a cart change that answers with the sale (null when the cart is gone, undefined when nothing happened). */
  const change = useCallback(async (action: string, call: () => Promise<SaleView | null | undefined>, done?: string) => {
    try {
      const next = await call();
      if (next === undefined) return;
      setSale(next);
      if (done) setMessage({ tone: 'ok', text: done });
    } catch (error) {
      setMessage(problem(error, action));
    }
  }, []);

  const setQuantity = useCallback(
    (lineId: string, quantity: number) =>
      change(
        'change quantities',
        async () => (await guarded('sales.setQuantity', { lineId, quantity }, 'Change this quantity')) ?? undefined,
      ),
    [change, guarded],
  );
  /** Sends the line's latest asked-for quantity until main has confirmed it: taps are merged, never dropped. */
  const flush = useCallback(
    async (lineId: string) => {
      sending.current.add(lineId);
      try {
        for (;;) {
          const target = targets.current.get(lineId);
          if (target === undefined) return;
          try {
            const next = await api.sales.setQuantity({ lineId, quantity: target });
            latest.current = next;
            setSale(next);
          } catch (error) {
            targets.current.delete(lineId);
            setMessage(problem(error, 'change quantities'));
            return;
          }
          if (targets.current.get(lineId) === target) targets.current.delete(lineId);
        }
      } finally {
        sending.current.delete(lineId);
      }
    },
    [api],
  );

  /**
   * One more or one less of a unit line. Counts from what was last asked for, not from what is shown,
   * so 40 quick presses make 40 more. Answers `ask` when it would take the line to zero.
   */
  const step = useCallback(
    (lineId: string, delta: number): 'done' | 'ask' => {
      const line = latest.current?.lines.find((l) => l.lineId === lineId);
      if (!line || line.soldBy !== 'unit') return 'done';
      const target = (targets.current.get(lineId) ?? line.quantity) + delta;
      if (target < 1) return 'ask';
      if (target > MAX_UNIT_QUANTITY) return 'done';
      targets.current.set(lineId, target);
      if (!sending.current.has(lineId)) void flush(lineId);
      return 'done';
    },
    [flush],
  );

  const removeLine = useCallback(
    (lineId: string) => change('remove lines', () => api.sales.removeLine({ lineId }), 'Line removed.'),
    [api, change],
  );
  // A long sale needs a manager to clear (policies.clearApprovalLines); main decides, the page asks.
  const clear = useCallback(
    (action: string) =>
      change(
        'clear the sale',
        async () => {
          // Both a cleared sale and a declined approval answer null: the sale as it now is tells them apart.
          await guarded('sales.clear', undefined, action);
          const now = await api.sales.current();
          return now && now.lines.length > 0 ? undefined : null;
        },
        'Sale cleared.',
      ),
    [api, change, guarded],
  );
  const park = useCallback(
    (note?: string) =>
      change(
        'park sales',
        async () => {
          await api.sales.park(note ? { note } : {});
          return null;
        },
        `Sale parked${note ? ` (${note})` : ''}. Resume it from Parked sales.`,
      ),
    [api, change],
  );
  const resume = useCallback(
    (saleId: string) => change('resume sales', () => api.sales.resume({ saleId }), 'Parked sale resumed.'),
    [api, change],
  );

  const discountLine = useCallback(
    (lineId: string, discount: DiscountInput | null) => {
      const request = { lineId, discount };
      const line = latest.current?.lines.find((l) => l.lineId === lineId);
      const currency = latest.current?.totals.currency ?? 'EUR';
      const action =
        discount && line ? discountPhrase(discount, lineDiscountBase(line), currency, line.name) : 'removing this line discount';
      return change('give discounts', async () => (await guarded('sales.discountLine', request, action)) ?? undefined);
    },
    [change, guarded],
  );
  const discountSale = useCallback(
    (discount: DiscountInput | null) => {
      const request = { discount };
      const sale = latest.current;
      const action =
        discount && sale
          ? discountPhrase(discount, saleDiscountBase(sale), sale.totals.currency, 'the whole sale')
          : 'removing the sale discount';
      return change('give discounts', async () => (await guarded('sales.discountSale', request, action)) ?? undefined);
    },
    [change, guarded],
  );

  const tendered = useCallback((result: TenderOutcome) => {
    // The sale view says whether this tender completed it; the receipt document comes along when it can.
    if (result.sale.status === 'completed' && result.sale.receipt) {
      setCompleted({
        sale: result.sale,
        changeMinor: result.changeMinor,
        receiptNumber: result.sale.receipt.receiptNumber,
        document: result.receipt,
      });
      setSale(null);
      setSelected(null);
      // The screen itself says so, with the change in large type.
      setMessage(null);
    } else {
      setSale(result.sale);
    }
  }, []);

  return {
    sale,
    ready,
    message,
    setMessage,
    selected,
    setSelected,
    weighing,
    setWeighing,
    completed,
    newSale: () => setCompleted(null),
    scan,
    addProduct,
    setQuantity,
    step,
    removeLine,
    clear,
    park,
    resume,
    discountLine,
    discountSale,
    tendered,
    approvalDialog,
  };
}
export type Cart = ReturnType<typeof useCart>;
