import type { ChannelAccess } from '../../../shared/domain/permissions';
import type { SenderContext } from './sender';

export type AccessDecision = 'allowed' | 'unauthenticated' | 'forbidden';

/**
 * The registry asks this before every non-public call. The staff session service implements it;
 * until someone signs in, every permission-bearing channel answers `unauthenticated`.
 */
export interface AccessGate {
  check(access: ChannelAccess, sender: SenderContext): AccessDecision;
  /** The signed-in staff member behind this caller, for handlers and the audit trail. */
  actor(sender: SenderContext): string | null;
}

export const signedOutGate: AccessGate = {
  check: (access) => (access === 'public' ? 'allowed' : 'unauthenticated'),
  actor: () => null,
};
