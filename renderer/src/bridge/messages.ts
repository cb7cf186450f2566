import { BridgeError } from './client';

/** What staff read when a call fails: the main process's message, with a clearer line for the usual cases. */
export function describeError(error: BridgeError, action: string): string {
  switch (error.code) {
    case 'unauthenticated':
      return `Sign in with a role that may ${action}.`;
    case 'forbidden':
      return error.message;
    case 'rate_limited':
      return 'Too many attempts. Wait a few seconds and try again.';
    case 'unavailable':
      return 'The terminal service is not answering. Wait a moment and try again.';
    default:
      return error.message;
  }
}

/**
 * Any error of a call as the words a cashier reads: a bridge error as `describeError` puts it, anything
 * else (a bug, a dropped connection) as `fallback`, which says what did or did not happen.
 */
export function errorMessage(error: unknown, action: string, fallback: string): string {
  return error instanceof BridgeError ? describeError(error, action) : fallback;
}
