import { AppError } from '../../../shared/ipc/errors';
import type { HandlerContext } from './registry';

/** Register channels act for the signed-in staff member; the gate has already checked the permission. */
export function staffOf(context: HandlerContext): string {
  if (!context.actorId) throw new AppError('unauthenticated', 'Sign in to do this.');
  return context.actorId;
}
