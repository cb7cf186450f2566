import type { ChannelAccess } from '../../../shared/domain/permissions';
import type { SenderContext } from './sender';

/** The call being authorised: approvals are bound to one channel and one exact request. */
export interface CallInfo {
  channel: string;
  payload: unknown;
}

export type Authorization =
  | { allowed: true; actorId: string | null; approverId?: string }
  | { allowed: false; code: 'unauthenticated' | 'forbidden'; actorId: string | null };

/**
 * The registry asks this before every call. The staff session implements it: only the main
 * process decides who may do what; the renderer merely hides buttons.
 */
export interface AccessGate {
  authorize(access: ChannelAccess, sender: SenderContext, call: CallInfo): Authorization;
}
