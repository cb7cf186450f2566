import type { ChannelAccess, Permission } from '../../../shared/domain/permissions';
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
  /**
   * Asked by a handler, for a channel that declares `stepUp`, when this particular request needs
   * more than the channel's access (a large discount): held by the caller, or approved for this call.
   */
  stepUp(permission: Permission, call: CallInfo): Authorization;
}
