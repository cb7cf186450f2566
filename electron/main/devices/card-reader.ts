import { z } from 'zod';
import { paymentTokenSchema } from '../../../shared/api/payments';
import { cardDisplaySchema, type CardDisplay } from '../../../shared/domain/card-payment';
import { AppError } from '../../../shared/ipc/errors';

/**
 * A card reader hands the terminal a processor token and what a receipt may show (brand, last 4,
 * entry mode). The card number, expiry and CVV stay inside the reader: the types below have no place
 * for them, and every answer is checked on its way in (see `guardedReader`). Offline, a reader still
 * tokenizes, so the payment can be stored and forwarded later.
 */
export type PaymentToken = string & { readonly __brand: 'PaymentToken' };

export interface CardReadRequest {
  amountMinor: number;
  currency: string;
}

export type CardRead =
  { outcome: 'read'; token: PaymentToken; card: CardDisplay } | { outcome: 'cancelled'; reason: 'customer' | 'timeout' };

export interface CardReader {
  readonly kind: 'simulated' | 'hardware';
  readonly name: string;
  /** Asks the customer for a card; resolves with a token, or `cancelled` when no card came. */
  read(request: CardReadRequest): Promise<CardRead>;
}

/**
 * Thirteen or more digits in a row, however grouped, is the shape of a card number: a token that
 * carries one is refused outright (tokens have no business holding long digit runs at all).
 */
const DIGIT_RUN = /\d(?:[ ._-]?\d){12,}/;
export const hasCardNumberShape = (text: string): boolean => DIGIT_RUN.test(text);

const tokenSchema = paymentTokenSchema.refine((t) => !hasCardNumberShape(t), 'a token, not card data');

/** Strict: an answer with any field beyond these (a `pan`, a `cvv`, track data) is refused. */
export const cardReadSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('read'), token: tokenSchema, card: cardDisplaySchema }).strict(),
  z.object({ outcome: z.literal('cancelled'), reason: z.enum(['customer', 'timeout']) }).strict(),
]);

export class CardReaderFault extends AppError {
  constructor() {
    super('unavailable', 'The card reader gave an answer the terminal cannot use. Try the card again or take another tender.');
  }
}

/** Checks what a reader answers before anything else sees it; a bad answer is never echoed or logged. */
export function checkCardRead(raw: unknown): CardRead {
  const parsed = cardReadSchema.safeParse(raw);
  if (!parsed.success) throw new CardReaderFault();
  return parsed.data.outcome === 'read' ? { ...parsed.data, token: parsed.data.token as PaymentToken } : parsed.data;
}

/** Wraps a reader (a driver or the simulator) so that only checked answers leave it. */
export function guardedReader(reader: CardReader): CardReader {
  return {
    kind: reader.kind,
    name: reader.name,
    read: async (request) => checkCardRead(await reader.read(request)),
  };
}
