import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from './audit-trail';
import type { Handlers } from '../ipc/registry';

export function createAuditHandlers(audit: AuditTrail): Handlers<NoposContract>['audit'] {
  return {
    verify: () => audit.verify(),
  };
}
