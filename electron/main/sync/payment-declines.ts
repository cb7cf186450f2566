import type { Tx } from '../storage/transaction';

/** A card payment stored for forwarding that the API declined: at delivery (402) or later (the event). */
export interface PaymentDecline {
  clientId: string;
  transactionClientId: string;
  declineCode: string;
  source: 'delivery' | 'event';
}

export type PaymentDeclineHandler = (tx: Tx, decline: PaymentDecline) => void;

export class NoDeclineHandlerError extends Error {
  override readonly name = 'NoDeclineHandlerError';
  constructor() {
    super('No payments area is attached to record a declined card payment; it stays where it was and is tried again.');
  }
}

/**
 * Where sync hands over a declined card payment. The payments area is the one owner of the
 * needs-attention entry (it knows the amount, the card and the receipt); sync only reports, inside
 * the transaction that settles the outbox item or applies the event. Sync is built before the core,
 * so the handler is attached afterwards; until it is, a decline throws and nothing is settled, so
 * the item or event is simply tried again.
 */
export class PaymentDeclines {
  private handler: PaymentDeclineHandler | null = null;

  attach(handler: PaymentDeclineHandler): void {
    this.handler = handler;
  }

  record(tx: Tx, decline: PaymentDecline): void {
    if (!this.handler) throw new NoDeclineHandlerError();
    this.handler(tx, decline);
  }
}
