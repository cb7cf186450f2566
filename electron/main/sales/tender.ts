import type { Payment, PaymentMethod } from '../../../shared/domain/sale';
import { AppError } from '../../../shared/ipc/errors';
import type { Tx } from '../storage/transaction';
import { roundToStep } from '../ledger/rounding';

/** What is still owed when a tender is offered. */
export interface AmountDue {
  remainingMinor: number;
  cashRoundingMinor: number;
}

/** A payment as a tender settles it, before it is recorded against the sale. */
export type PaymentDraft = Omit<Payment, 'paymentId' | 'takenAt'>;

/**
 * One way of paying. The sale flow asks a tender to settle part or all of what is due and records
 * what it answers; cash does this at once, a card tender (next) asks the reader for a token first.
 * Raw card data never passes through here: only a token reference and display data.
 */
export interface Tender {
  readonly method: PaymentMethod;
  /** Whether a completed payment of this kind opens the cash drawer. */
  readonly opensDrawer: boolean;
  settle(due: AmountDue): Promise<PaymentDraft> | PaymentDraft;
  /**
   * Called inside the transaction that records the payment, for what must commit with it (a card
   * payment stored offline queues its outbox item here): both land, or neither does.
   */
  recordIn?(tx: Tx, recorded: { saleId: string; payment: Payment }): void;
}

/**
 * Cash: when what is given covers the amount due (after the store's cash rounding), the sale is
 * settled and the rest is change; less than that is a part payment towards a split tender.
 */
export function cashTender(givenMinor: number): Tender {
  return {
    method: 'cash',
    opensDrawer: true,
    settle({ remainingMinor, cashRoundingMinor }) {
      if (remainingMinor <= 0) throw new AppError('conflict', 'Nothing is owed on this sale.');
      const due = roundToStep(remainingMinor, cashRoundingMinor);
      const settlesAll = givenMinor >= due;
      const amountMinor = settlesAll ? due : givenMinor;
      return {
        method: 'cash',
        amountMinor,
        status: 'captured',
        cash: { givenMinor, changeMinor: givenMinor - amountMinor, roundingMinor: settlesAll ? due - remainingMinor : 0 },
        card: null,
      };
    },
  };
}
