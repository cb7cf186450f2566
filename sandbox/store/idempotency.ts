import type { SandboxDb } from './database';

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export type IdempotencyLookup =
  | { state: 'new'; release: (result?: { status: number; body: string }) => void }
  | { state: 'in_flight' }
  | { state: 'mismatch' }
  | { state: 'replay'; status: number; body: string };

/**
 * Stripe-style idempotency per API key: the first result for a key is kept for the TTL and
 * replayed; the same key with another request is a mismatch; a key still being handled is in flight.
 * In-flight keys are held in memory: a restart forgets them, which is right (nothing is running).
 */
export class IdempotencyStore {
  private readonly inFlight = new Map<string, string>();

  constructor(
    private readonly db: SandboxDb,
    private readonly nowMs: () => number,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
  ) {}

  begin(terminalId: string, key: string, requestFingerprint: string): IdempotencyLookup {
    const slot = `${terminalId}\u0000${key}`;
    const flying = this.inFlight.get(slot);
    if (flying !== undefined) return flying === requestFingerprint ? { state: 'in_flight' } : { state: 'mismatch' };
    const row = this.db
      .prepare('SELECT fingerprint, status, response, created_at_ms FROM idempotency WHERE terminal_id = ? AND key = ?')
      .get(terminalId, key) as { fingerprint: string; status: number; response: string; created_at_ms: number } | undefined;
    if (row && row.created_at_ms + this.ttlMs > this.nowMs()) {
      return row.fingerprint === requestFingerprint ? { state: 'replay', status: row.status, body: row.response } : { state: 'mismatch' };
    }
    this.inFlight.set(slot, requestFingerprint);
    return {
      state: 'new',
      release: (result) => {
        this.inFlight.delete(slot);
        if (!result) return;
        this.db
          .prepare('INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?, ?)')
          .run(terminalId, key, requestFingerprint, result.status, result.body, this.nowMs());
      },
    };
  }

  /** Drops results past the TTL; called now and then, not per request. */
  sweep(): number {
    return this.db.prepare('DELETE FROM idempotency WHERE created_at_ms <= ?').run(this.nowMs() - this.ttlMs).changes;
  }
}
