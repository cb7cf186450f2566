import type { DeclineCode } from '../../../shared/domain/card-payment';

/** The processor declined the card: not an error of the terminal's, an outcome to show. Nothing is recorded. */
export class CardDeclined extends Error {
  override readonly name = 'CardDeclined';
  constructor(readonly code: DeclineCode) {
    super(`declined: ${code}`);
  }
}

/** No card came (the customer cancelled, or the reader timed out). Nothing is recorded. */
export class CardCancelled extends Error {
  override readonly name = 'CardCancelled';
  constructor(readonly reason: 'customer' | 'timeout') {
    super(`cancelled: ${reason}`);
  }
}

export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'The card was declined. Ask for another card or another way to pay.',
  insufficient_funds: 'The card was declined for insufficient funds. Ask for another card or another way to pay.',
  processing_error: 'The payment could not be processed. Try the card again or take another tender.',
};
