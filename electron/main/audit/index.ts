import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { createAuditHandlers } from './audit-handlers';
import type { AuditTrail } from './audit-trail';

// The audit area's face: the tamper-evident trail every area records to (opened with storage, since
// it is infrastructure), and the check of its chain that an admin runs.
export type { AuditTrail } from './audit-trail';

export interface AuditArea {
  handlers: Pick<Handlers<NoposContract>, 'audit'>;
}

export function createAudit(ports: { audit: AuditTrail }): AuditArea {
  return { handlers: { audit: createAuditHandlers(ports.audit) } };
}
