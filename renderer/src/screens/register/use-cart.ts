import { useCallback, useEffect, useState } from 'react';
import type { Product } from '../../../../shared/domain/catalog';
import type { ReceiptDocument } from '../../../../shared/domain/receipt';
import type { DiscountInput, SaleView } from '../../../../shared/domain/sale';
import type { AddItemResult } from '../../../../shared/ipc/areas/sales';
import { BridgeError } from '../../bridge/client';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import type { StatusMessage } from '../../components/StatusLine';
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
  if (error instanceof BridgeError && error.code === 'invalid_request' && action === 'scan') return { tone: 'error', text: 'That is not a barcode this till can read. Nothing was added.' };
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

  const scan = useCallback(
    (code: string) => api.sales.addByBarcode({ code }).then(onAdded, (error: unknown) => setMessage(problem(error, 'scan'))),
    [api, onAdded],
  );
  const addProduct = useCallback(
    (productId: string, quantity?: number) => {
      setWeighing(null);
      return api.sales.addProduct({ productId, ...(quantity ? { quantity } : {}) }).then(onAdded, (error: unknown) => setMessage(problem(error, 'sell')));
    },
    [api, onAdded],
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

  const setQuantity = useCallback((lineId: string, quantity: number) => change('change quantities', () => api.sales.setQuantity({ lineId, quantity })), [api, change]);
  const removeLine = useCallback((lineId: string) => change('remove lines', () => api.sales.removeLine({ lineId }), 'Line removed.'), [api, change]);
  const clear = useCallback(() => change('clear the sale', () => api.sales.clear(), 'Sale cleared.'), [api, change]);
  const park = useCallback(
    () =>
      change('park sales', async () => {
        await api.sales.park({});
        return null;
      }, 'Sale parked. Resume it from Parked sales.'),
    [api, change],
  );
  const resume = useCallback((saleId: string) => change('resume sales', () => api.sales.resume({ saleId }), 'Parked sale resumed.'), [api, change]);

  const discountLine = useCallback(
    (lineId: string, discount: DiscountInput | null) => {
      const request = { lineId, discount };
      return change('give discounts', async () => (await guarded('sales.discountLine', request, 'Give this line discount')) ?? undefined);
    },
    [change, guarded],
  );
  const discountSale = useCallback(
    (discount: DiscountInput | null) => {
      const request = { discount };
      return change('give discounts', async () => (await guarded('sales.discountSale', request, 'Give this sale discount')) ?? undefined);
    },
    [change, guarded],
  );

  const tendered = useCallback((result: TenderOutcome) => {
    // The sale view says whether this tender completed it; the receipt document comes along when it can.
    if (result.sale.status === 'completed' && result.sale.receipt) {
      setCompleted({ sale: result.sale, changeMinor: result.changeMinor, receiptNumber: result.sale.receipt.receiptNumber, document: result.receipt });
      setSale(null);
      setSelected(null);
      setMessage({ tone: 'ok', text: 'Sale complete.' });
    } else {
      setSale(result.sale);
    }
  }, []);

  return {
    sale, ready, message, setMessage, selected, setSelected, weighing, setWeighing, completed,
    newSale: () => setCompleted(null),
    scan, addProduct, setQuantity, removeLine, clear, park, resume, discountLine, discountSale, tendered,
    approvalDialog,
  };
}
export type Cart = ReturnType<typeof useCart>;
