import { freeText } from './free-text';

/**
 * Text that may be stored about a customer: the shared free-text rules (trimmed, bounded, never a card
 * number) and no control characters.
 */
export function safeTextSchema(max: number) {
  // eslint-disable-next-line no-control-regex
  return freeText({ max }).refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'control characters are not allowed');
}
