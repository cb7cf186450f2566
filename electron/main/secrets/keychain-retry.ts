import type { Keychain } from './keychain';

export interface KeychainRetryOptions {
  /** How long to keep asking before the terminal gives up and says so. */
  retryForMs: number;
  /** The first wait; each next one doubles, up to `capMs`. */
  baseMs: number;
  capMs: number;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
  log: (entry: Record<string, unknown>) => void;
}

export const DEFAULT_KEYCHAIN_RETRY: Omit<KeychainRetryOptions, 'log'> = {
  retryForMs: 5_000,
  baseMs: 250,
  capMs: 2_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  nowMs: () => Date.now(),
};

/**
 * Proves the keychain at start-up, asking again with backoff for a few seconds: a Secret Service
 * that is still starting, or busy under load, answers a moment later. Only when it keeps failing is
 * its last error (KeychainUnavailableError) thrown. Every retry is logged, never a secret.
 */
export async function probeKeychainPatiently(
  keychain: Keychain,
  options: Partial<KeychainRetryOptions> & Pick<KeychainRetryOptions, 'log'>,
): Promise<void> {
  const o = { ...DEFAULT_KEYCHAIN_RETRY, ...options };
  const startedAt = o.nowMs();
  for (let attempt = 1; ; attempt++) {
    try {
      await keychain.probe();
      if (attempt > 1) o.log({ level: 'info', event: 'keychain.recovered', attempts: attempt, afterMs: o.nowMs() - startedAt });
      return;
    } catch (error) {
      const waitMs = Math.min(o.capMs, o.baseMs * 2 ** (attempt - 1));
      const elapsed = o.nowMs() - startedAt;
      const name = error instanceof Error ? error.name : typeof error;
      if (elapsed + waitMs > o.retryForMs) {
        o.log({ level: 'error', event: 'keychain.unavailable', attempts: attempt, afterMs: elapsed, error: name });
        throw error;
      }
      o.log({ level: 'warn', event: 'keychain.retry', attempt, waitMs, error: name });
      await o.sleep(waitMs);
    }
  }
}
