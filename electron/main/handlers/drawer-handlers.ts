import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { Handlers } from '../ipc/registry';

/** The drawer kick itself goes through the receipt printer, which arrives with the printing work; the record is here now. */
export function createDrawerHandlers(audit: AuditTrail, now: () => Date): Handlers<NoposContract>['drawer'] {
  return {
    open: ({ reason }, { actorId, approverId }) => {
      audit.record({ action: 'drawer.opened', actorId, ...(approverId ? { approverId } : {}), details: { reason } });
      return { openedAt: now().toISOString() };
    },
  };
}
