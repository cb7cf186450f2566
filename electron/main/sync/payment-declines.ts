import type { Tx } from '../storage/transaction';

/** A card payment stored for forwarding that the API declined: at delivery (402) or later (the event). */
export interface PaymentDecline {
  clientId: string;
  transactionClientId: string;
  declineCode: string;
  source: 'delivery' | 'event';
}

/**
 * The port through which sync hands over a declined card payment. The payments area is the one owner
 * of the needs-attention entry (it knows the amount, the card and the receipt); sync only reports,
 * inside the transaction that settles the outbox item or applies the event. Wired in core/ when sync
 * is built: if recording throws, nothing is settled and the item or event is tried again.
 */
export interface PaymentDeclines {
  record(tx: Tx, decline: PaymentDecline): void;
}
