import { TEST_PAYMENT_TOKENS } from '../../../shared/api/payments';
import type { TestCard, TestCardId } from '../../../shared/domain/card-payment';
import type { CardRead, CardReader, PaymentToken } from './card-reader';

interface SimulatedCard extends TestCard {
  token: string | null;
}

/**
 * The sandbox's test cards as the reader sees them: each maps to a sandbox test token inside the
 * reader, as a real reader tokenizes inside its own hardware. Only the last 4 digits are written here.
 */
export const SIMULATED_CARDS: readonly SimulatedCard[] = [
  {
    id: 'approve',
    label: 'Visa 4242, approved',
    card: { brand: 'visa', last4: '4242', entryMode: 'contactless' },
    token: TEST_PAYMENT_TOKENS.approve,
  },
  {
    id: 'decline',
    label: 'Visa 0002, declined',
    card: { brand: 'visa', last4: '0002', entryMode: 'chip' },
    token: TEST_PAYMENT_TOKENS.decline,
  },
  {
    id: 'insufficient_funds',
    label: 'Mastercard 9995, insufficient funds',
    card: { brand: 'mastercard', last4: '9995', entryMode: 'chip' },
    token: TEST_PAYMENT_TOKENS.insufficientFunds,
  },
  {
    id: 'processing_error',
    label: 'Visa 0119, processing error',
    card: { brand: 'visa', last4: '0119', entryMode: 'contactless' },
    token: TEST_PAYMENT_TOKENS.processingError,
  },
  {
    id: 'decline_after_forward',
    label: 'Amex 0005, declined after forwarding',
    card: { brand: 'amex', last4: '0005', entryMode: 'chip' },
    token: TEST_PAYMENT_TOKENS.declineAfterForward,
  },
  { id: 'cancel', label: 'No card (customer cancels)', card: null, token: null },
];

/** Stands in for a reader in development, the browser host and tests; the page picks the next card. */
export class SimulatedCardReader implements CardReader {
  readonly kind = 'simulated' as const;
  readonly name = 'Simulated card reader';
  private selected: TestCardId = 'approve';

  get selectedCard(): TestCardId {
    return this.selected;
  }

  get testCards(): TestCard[] {
    return SIMULATED_CARDS.map(({ id, label, card }) => ({ id, label, card }));
  }

  select(id: TestCardId): void {
    this.selected = id;
  }

  read(): Promise<CardRead> {
    const card = SIMULATED_CARDS.find((c) => c.id === this.selected) ?? SIMULATED_CARDS[0];
    if (!card?.card || !card.token) return Promise.resolve({ outcome: 'cancelled', reason: 'customer' });
    return Promise.resolve({ outcome: 'read', token: card.token as PaymentToken, card: card.card });
  }
}
