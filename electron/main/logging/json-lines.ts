/**
 * A minimal structured logger: one JSON object per line, timestamped. Entries are built from
 * codes and ids only (never payloads), so nothing a caller typed can end up here.
 */
export function jsonLineLogger(write: (line: string) => void, now: () => Date): (entry: object) => void {
  return (entry) => write(`${JSON.stringify({ ts: now().toISOString(), ...entry })}\n`);
}
