/** Words past this many add nothing a cashier needs and only cost time. */
const MAX_TERMS = 8;

/**
 * What a cashier typed, as an FTS5 query that can never be a syntax error: every word becomes a
 * quoted prefix term ("cre"* "fra"*), so quotes, `*`, `-`, `:`, `^`, parentheses, `OR`, `NEAR` and
 * column names are plain text. Words are split where the unicode61 tokenizer splits them (anything
 * but letters and digits); the tokenizer folds case and accents itself. Null when nothing searchable
 * was typed.
 */
export function toFtsPrefixQuery(typed: string): string | null {
  const words = typed.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu);
  if (!words) return null;
  const terms = words
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_TERMS)
    .map((word) => `"${word.replaceAll('"', '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}
