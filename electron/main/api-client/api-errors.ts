import type { ApiErrorCode } from '../../../shared/api/errors';

/**
 * Everything that can go wrong talking to the NoPOS API, as one typed error. `retryable` says
 * whether the same request may simply be tried again later; messages never carry a key, a body or
 * a URL query.
 */
export type ApiFailure =
  | { kind: 'insecure_url' }
  | { kind: 'not_enrolled' }
  /** The configured address is not the one the key was issued at: the key is never sent there. */
  | { kind: 'origin_changed' }
  | { kind: 'network'; cause: string }
  | { kind: 'tls'; cause: string }
  | { kind: 'timeout'; phase: 'connect' | 'response' }
  | { kind: 'too_large'; limitBytes: number }
  | { kind: 'malformed'; what: string }
  /** 401/403: the key is wrong, revoked or lacks a scope. Sync pauses instead of retrying. */
  | { kind: 'credentials_rejected'; status: 401 | 403; code: ApiErrorCode | null }
  | { kind: 'http'; status: number; code: ApiErrorCode | null; message: string; retryAfterMs: number | null };

export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  constructor(readonly failure: ApiFailure) {
    super(describe(failure));
  }

  /** Worth trying the same request again later (the link, the server or its rate limit). */
  get retryable(): boolean {
    const f = this.failure;
    if (f.kind === 'network' || f.kind === 'timeout' || f.kind === 'malformed' || f.kind === 'too_large') return true;
    if (f.kind === 'http') return f.status >= 500 || f.status === 429 || f.status === 408 || f.code === 'idempotency_in_flight';
    return false;
  }

  /** The server (not the link) answered: it is reachable, even if it said no. */
  get reachedServer(): boolean {
    const f = this.failure;
    return f.kind === 'http' || f.kind === 'credentials_rejected' || f.kind === 'malformed' || f.kind === 'too_large';
  }

  get retryAfterMs(): number | null {
    return this.failure.kind === 'http' ? this.failure.retryAfterMs : null;
  }

  static is(error: unknown): error is ApiClientError {
    return error instanceof ApiClientError;
  }
}

function describe(f: ApiFailure): string {
  switch (f.kind) {
    case 'insecure_url':
      return 'The NoPOS API address must start with https://; the terminal never talks to it in plain text.';
    case 'not_enrolled':
      return 'This terminal is not enrolled: an admin enters an enrollment code first.';
    case 'origin_changed':
      return 'The NoPOS API address is not the one this terminal was enrolled at; its key is never sent elsewhere. Enroll it again.';
    case 'network':
      return `The NoPOS API cannot be reached (${f.cause}).`;
    case 'tls':
      return `The NoPOS API connection is not trusted (${f.cause}).`;
    case 'timeout':
      return f.phase === 'connect' ? 'Connecting to the NoPOS API timed out.' : 'The NoPOS API did not answer in time.';
    case 'too_large':
      return `The NoPOS API answer was larger than ${f.limitBytes} bytes and was refused.`;
    case 'malformed':
      return `The NoPOS API answered with something unexpected (${f.what}).`;
    case 'credentials_rejected':
      return "The NoPOS API rejected this terminal's credentials; sync is paused until it is enrolled again.";
    case 'http':
      return `The NoPOS API answered ${f.status}${f.code ? ` ${f.code}` : ''}: ${f.message}`;
  }
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. Capped at an hour. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  const trimmed = text.trim();
  const ms = /^\d{1,6}$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - nowMs;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(0, ms), 3_600_000);
}
