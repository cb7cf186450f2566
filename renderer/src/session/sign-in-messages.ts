import type { ApprovalResult, SignInResult } from '../../../shared/domain/staff';

export type PinFeedback = { kind: 'error'; text: string } | { kind: 'wait'; text: string; seconds: number } | null;

/** What a person reads after a PIN was refused: how many tries are left, or how long to wait. */
export function pinFeedback(
  result: Exclude<SignInResult | ApprovalResult, { outcome: 'signed_in' } | { outcome: 'approved' }>,
): PinFeedback {
  switch (result.outcome) {
    case 'wrong_pin':
      return {
        kind: 'error',
        text: result.attemptsLeft === 1 ? 'Wrong PIN. 1 attempt left before a lock.' : `Wrong PIN. ${result.attemptsLeft} attempts left.`,
      };
    case 'locked_out':
      return { kind: 'wait', text: 'Too many wrong PINs. Locked — try again in', seconds: result.retryAfterSeconds };
    case 'terminal_throttled':
      return { kind: 'wait', text: 'Too many wrong PINs on this terminal. Try again in', seconds: result.retryAfterSeconds };
    case 'not_allowed':
      return { kind: 'error', text: result.message };
    case 'passphrase_required':
      return {
        kind: 'error',
        text: result.firstTime ? 'Choose your admin passphrase to finish signing in.' : 'Enter your admin passphrase to finish signing in.',
      };
  }
}
