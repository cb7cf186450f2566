import type { Db } from '../storage/db';

/** How long each successive lockout lasts: 30 s, 1 min, 5 min, then 15 min every time after. */
export const LOCKOUT_LADDER_SECONDS = [30, 60, 300, 900] as const;
/** PCI DSS 8.3.4: locked for at least 30 minutes after at most 10 failures, every time. */
export const PCI_LOCKOUT_LADDER_SECONDS = [1800] as const;
/** Wrong PINs for one staff member before they are locked. */
export const STAFF_FAILURE_LIMIT = 5;
/** Wrong PINs on the terminal, across all staff, before every sign-in waits: trying each person in turn does not help. */
export const TERMINAL_FAILURE_LIMIT = 10;
/**
 * The terminal's count is not reset by a correct PIN (a cashier signing in between guesses at
 * managers' PINs would otherwise wipe it); it runs over this window instead, and the ladder steps
 * back down only after a whole window with no lockout.
 */
export const TERMINAL_WINDOW_SECONDS = 15 * 60;

export type ThrottleScope = `staff:${string}` | 'terminal';

interface Counter {
  failures: number;
  level: number;
  lockedUntilMs: number;
  windowStartMs: number;
}

export type Gate = { open: true } | { open: false; retryAfterSeconds: number };

export type FailureOutcome = { locked: false; attemptsLeft: number } | { locked: true; lockedForSeconds: number; failures: number };

/**
 * Persistent failed-PIN counters. A scope is locked for the next step of the ladder each time it
 * reaches its limit; the step resets only after a correct PIN. Locked scopes are refused before any
 * PIN is hashed, so a flood of guesses costs the terminal almost nothing.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  private read(scope: ThrottleScope): Counter {
    const row = this.db
      .prepare('SELECT failures, level, locked_until_ms, window_start_ms FROM auth_throttle WHERE scope = ?')
      .get(scope) as { failures: number; level: number; locked_until_ms: number; window_start_ms: number } | undefined;
    return row
      ? { failures: row.failures, level: row.level, lockedUntilMs: row.locked_until_ms, windowStartMs: row.window_start_ms }
      : { failures: 0, level: 0, lockedUntilMs: 0, windowStartMs: 0 };
  }

  private write(scope: ThrottleScope, counter: Counter): void {
    this.db
      .prepare(
        'INSERT INTO auth_throttle (scope, failures, level, locked_until_ms, window_start_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET failures = excluded.failures, level = excluded.level, locked_until_ms = excluded.locked_until_ms, window_start_ms = excluded.window_start_ms',
      )
      .run(scope, counter.failures, counter.level, counter.lockedUntilMs, counter.windowStartMs);
  }

  gate(scope: ThrottleScope): Gate {
    const { lockedUntilMs } = this.read(scope);
    const waitMs = lockedUntilMs - this.now().getTime();
    return waitMs > 0 ? { open: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { open: true };
  }

  /** `windowSeconds`: count only failures within this window (the terminal scope); otherwise until a success. */
  recordFailure(
    scope: ThrottleScope,
    limit: number,
    windowSeconds?: number,
    ladder: readonly number[] = LOCKOUT_LADDER_SECONDS,
  ): FailureOutcome {
    const nowMs = this.now().getTime();
    let counter = this.read(scope);
    if (windowSeconds !== undefined && nowMs - counter.windowStartMs >= windowSeconds * 1000) {
      const quietSinceLock = nowMs - counter.lockedUntilMs >= windowSeconds * 1000;
      counter = { failures: 0, level: quietSinceLock ? 0 : counter.level, lockedUntilMs: counter.lockedUntilMs, windowStartMs: nowMs };
    }
    const failures = counter.failures + 1;
    if (failures < limit) {
      this.write(scope, { ...counter, failures });
      return { locked: false, attemptsLeft: limit - failures };
    }
    const lockedForSeconds = ladder[Math.min(counter.level, ladder.length - 1)] as number;
    this.write(scope, { failures: 0, level: counter.level + 1, lockedUntilMs: nowMs + lockedForSeconds * 1000, windowStartMs: nowMs });
    return { locked: true, lockedForSeconds, failures };
  }

  /** A correct PIN, or an admin's PIN reset, clears that staff member's count and ladder. */
  recordSuccess(scope: `staff:${string}`): void {
    this.write(scope, { failures: 0, level: 0, lockedUntilMs: 0, windowStartMs: 0 });
  }
}
