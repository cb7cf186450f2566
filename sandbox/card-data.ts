import { CARD_FIELD, textHasCardNumber } from '../shared/domain/card-data';

/**
 * The API refuses raw card data with the terminal's own detector (shared/domain/card-data.ts), so a
 * text the terminal accepts is never refused here, and the other way round.
 */
export { findCardData, luhnValid, textHasCardNumber } from '../shared/domain/card-data';

/** Headers and query strings are flat text; header names like `x-card-number` count too. */
export function findCardDataInPairs(pairs: Iterable<[string, string | string[] | undefined]>, kind: string): string | null {
  for (const [name, raw] of pairs) {
    const bare = name.replace(/^x-/i, '');
    if (CARD_FIELD.test(bare)) return `${kind} ${name}`;
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      if (textHasCardNumber(value) || textHasCardNumber(safeDecode(value))) return `${kind} ${name}`;
    }
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
