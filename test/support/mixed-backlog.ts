import { TEST_PAYMENT_TOKENS } from '../../shared/api/payments';
import { uuidv7 } from '../../shared/domain/ids';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { queueItem } from './storage';

/**
 * Queues `sales` sales of which every `cardEvery`-th (by default about 30 %) was paid by card
 * offline, as the register queues them: the payment item first, then its sale, in one transaction.
 */
export function queueMixedBacklog(
  storage: TerminalStorage,
  sales: number,
  cardShare = 0.3,
  firstSequence = 1,
): { sales: string[]; payments: string[] } {
  const ids = { sales: [] as string[], payments: [] as string[] };
  const at = new Date().toISOString();
  storage.db.transaction(() => {
    for (let i = 0; i < sales; i++) {
      const saleId = uuidv7();
      // Spread evenly: sale i is paid by card when the running share falls behind.
      if (Math.floor((i + 1) * cardShare) > Math.floor(i * cardShare)) {
        const paymentId = uuidv7();
        queueItem(storage, {
          clientId: paymentId,
          kind: 'payment',
          payload: {
            clientId: paymentId,
            transactionClientId: saleId,
            amountMinor: 129,
            currency: 'EUR',
            paymentToken: TEST_PAYMENT_TOKENS.approve,
            capturedAt: at,
            offline: true,
            card: { brand: 'visa', last4: '4242', entryMode: 'chip' },
          },
        });
        ids.payments.push(paymentId);
      }
      queueItem(storage, {
        clientId: saleId,
        kind: 'sale',
        payload: {
          clientId: saleId,
          type: 'sale',
          terminalSequence: firstSequence + i,
          occurredAt: at,
          currency: 'EUR',
          totalMinor: 129,
          body: { lines: [{ sku: 'MILK-1L', qty: 1, priceMinor: 129 }] },
        },
      });
      ids.sales.push(saleId);
    }
  })();
  return ids;
}
