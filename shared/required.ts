/** For a value the code's own invariants guarantee (a row just written): a bug, not bad input, if missing. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Missing ${what}`);
  return value;
}
