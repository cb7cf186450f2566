import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { CashDrawer } from './cash-drawer';
import type { Handlers } from '../ipc/registry';

/** Opens the drawer, then records it: a drawer that did not open is not audited as opened. */
export function createDrawerHandlers(
  audit: Pick<AuditTrail, 'record'>,
  now: () => Date,
  drawer: CashDrawer,
): Handlers<NoposContract>['drawer'] {
  return {
    open: async ({ reason }, { actorId, approverId }) => {
      await drawer.open(reason);
      audit.record({ action: 'drawer.opened', actorId, ...(approverId ? { approverId } : {}), details: { reason } });
      return { openedAt: now().toISOString() };
    },
  };
}
