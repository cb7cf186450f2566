import { roundToStep } from './money-math';
import type { PaymentMethod } from './sale';

/** What one tender of a sale can still get back: what it settled, less what earlier refunds gave it. */
export interface RefundRoom {
  paymentId: string;
  method: PaymentMethod;
  roomMinor: number;
}

export interface RefundTenderSplit {
  method: PaymentMethod;
  /** What goes back through this tender: for cash, the notes and coins handed out. */
  amountMinor: number;
  originalPaymentId: string;
  /** Cash only: handed out − its share of the refund (the store's cash rounding); 0 otherwise. */
  roundingMinor: number;
}

/**
 * Money back the way it came, shared so the refund screen shows what main will pay: each tender in
 * the order given (cards first) up to its room, and the cash part as a whole rounded to the store's
 * cash step by the rule a cash sale uses, so the drawer pays out only what its coins can make.
 * `leftMinor` is what no tender could take (more than was paid).
 */
export function splitRefund(
  totalMinor: number,
  rooms: readonly RefundRoom[],
  cashRoundingMinor: number,
): { tenders: RefundTenderSplit[]; leftMinor: number } {
  let left = totalMinor;
  const tenders: RefundTenderSplit[] = [];
  for (const room of rooms) {
    const amountMinor = Math.min(left, Math.max(0, room.roomMinor));
    if (amountMinor > 0) tenders.push({ method: room.method, amountMinor, originalPaymentId: room.paymentId, roundingMinor: 0 });
    left -= amountMinor;
  }
  const cash = tenders.filter((t) => t.method === 'cash');
  const share = cash.reduce((sum, t) => sum + t.amountMinor, 0);
  let rounding = roundToStep(share, cashRoundingMinor) - share;
  // The rounding sits on the last cash tender; rounding down takes from the others too if that one is
  // smaller than the rounding, so no tender hands out less than nothing.
  for (const tender of cash.reverse()) {
    if (rounding === 0) break;
    const applied = Math.max(rounding, -tender.amountMinor);
    tender.amountMinor += applied;
    tender.roundingMinor = applied;
    rounding -= applied;
  }
  return { tenders, leftMinor: left };
}

/** What a refund's tenders settle of its total, without the cash rounding. */
export const refundShareOf = (tender: { amountMinor: number; roundingMinor?: number }): number =>
  tender.amountMinor - (tender.roundingMinor ?? 0);
