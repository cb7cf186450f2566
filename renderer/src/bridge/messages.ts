import { BridgeError } from './client';

/**
 * What staff read when a call fails: main's message for the refusals it words for people (conflict,
 * not found, …), a fixed line for the rest. Main's `invalid_request` names schema fields and zod codes
 * for the logs ("givenMinor: too big"); a cashier never reads that. Fields check what is typed before
 * it is sent, so this is only what is left when something slips through.
 */
export function describeError(error: BridgeError, action: string): string {
  switch (error.code) {
    case 'invalid_request':
      return 'That was not accepted: check what was typed and try again. Nothing was changed.';
    case 'unauthenticated':
      return `Sign in with a role that may ${action}.`;
    case 'forbidden':
      return error.message;
    case 'rate_limited':
      return 'Too many attempts. Wait a few seconds and try again.';
    case 'unavailable':
      // Main says which device or service is missing and what to do (paper out, drawer shut, no link).
      return error.message || 'The terminal service is not answering. Wait a moment and try again.';
    case 'unknown_channel':
    case 'untrusted_sender':
    case 'invalid_response':
    case 'internal':
      return 'Something went wrong in the terminal. Try again; if it keeps happening, call support.';
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
