// The sync area's face: delivery of the outbox, the events feed, catalog and staff pulls, clock checks.
export { createSync, type Sync, type SyncPorts } from './create-sync';
export type { SyncTimings } from './sync-engine';
export type { PaymentDecline, PaymentDeclines } from './payment-declines';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { Handlers } from '../ipc/registry';
import type { Db } from '../storage/db';
import type { NeedsAttention } from '../storage/needs-attention';
import { createSyncHandlers } from './sync-handlers';

/**
 * The sync channels of a terminal built without sync (it works alone): status, sync now, enrollment
 * and export answer 'unavailable'; the needs-attention list is storage's and still answers.
 */
export function syncAbsent(storage: { db: Db; needsAttention: NeedsAttention; audit: AuditTrail }): {
  handlers: Pick<Handlers<NoposContract>, 'sync'>;
} {
  return { handlers: { sync: createSyncHandlers(null, storage) } };
}
