import { z } from 'zod';
import { findCardData, textHasCardNumber } from './card-data';

/**
 * Card numbers never enter the till: a number typed into a name, a reason or a note would be stored,
 * printed, exported and then refused by the API (`card_data_refused`), leaving the record stuck.
 * Every free-text field of the IPC contract, the catalog import and the policy file refuses what
 * the API would refuse, with the same detector.
 */
export const CARD_NUMBER_MESSAGE = 'This looks like a card number; card numbers are never typed into the till.';

export const noCardNumber = (text: string): boolean => !textHasCardNumber(text);

/** Trimmed text of `min`..`max` characters that is not card data. */
export function freeText(options: { min?: number; max: number; minMessage?: string }) {
  const base = z.string().trim();
  const sized = (options.min ? base.min(options.min, options.minMessage) : base).max(options.max);
  // Text over the limit is refused anyway: not scanned, so an oversized payload costs nothing more.
  return sized.refine((text) => text.length > options.max || noCardNumber(text), CARD_NUMBER_MESSAGE);
}

/** Any JSON value (an approval's request) with no card data in a string, a number or a key. */
export const noCardDataAnywhere = (value: unknown): boolean => findCardData(value) === null;
