import type { NoposContract } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import { EnrollmentError } from '../enrollment';
import type { Handlers } from '../ipc/registry';
import { staffOf } from '../ipc/staff-of';
import { writeTransaction } from '../storage/transaction';
import type { Db } from '../storage/db';
import { NeedsAttentionNotFoundError, type NeedsAttention } from '../storage/needs-attention';
import type { Sync } from './create-sync';

/** Enrollment refusals are the caller's to fix (conflict), never an internal error. */
async function enrollmentStep<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EnrollmentError) throw new AppError(error.code === 'unreachable' ? 'unavailable' : 'conflict', error.message);
    throw error;
  }
}

type SyncParts = Pick<Sync, 'engine' | 'enrollment' | 'exportDir'>;

/** The sync channels; without sync (a terminal working alone), only the needs-attention list answers. */
export function createSyncHandlers(
  sync: SyncParts | null,
  storage: { db: Db; needsAttention: NeedsAttention; audit: AuditTrail },
): Handlers<NoposContract>['sync'] {
  const need = (): SyncParts => {
    if (!sync) throw new AppError('unavailable', 'Sync is not available in this terminal.');
    return sync;
  };
  return {
    status: () => need().engine.status(),
    syncNow: () => need().engine.syncNow(),
    enroll: ({ code }, context) =>
      enrollmentStep(async () => {
        const s = need();
        const enrollment = await s.enrollment.enroll(code, 'admin', staffOf(context));
        s.engine.start();
        return { terminalId: enrollment.terminalId, storeName: enrollment.store.name, storeCurrency: enrollment.store.currency };
      }),
    signOutOfStore: (_request, context) =>
      enrollmentStep(async () => {
        const s = need();
        await s.enrollment.signOutOfStore(staffOf(context));
        s.engine.stop();
        return s.engine.status();
      }),
    exportUnsynced: (_request, context) => enrollmentStep(() => need().enrollment.exportUnsynced(need().exportDir, staffOf(context))),
    needsAttention: () => storage.needsAttention.list(),
    resolve: ({ id, resolution }, context) => {
      // A declined card payment is money owed: it is settled through payments.resolveDeclined, which
      // records how (another tender, or written off) in the audit trail; a bare note would skip that.
      if (storage.needsAttention.get(id)?.kind === 'declined_after_forward') {
        throw new AppError(
          'conflict',
          'A declined card payment is resolved on the Attention screen: record the other tender or write it off.',
        );
      }
      try {
        return writeTransaction(storage.db, (tx) => {
          const wasOpen = storage.needsAttention.get(id)?.resolvedAt === null;
          const entry = storage.needsAttention.resolve(tx, id, staffOf(context), resolution);
          // Resolving again keeps the first resolution, and so records nothing new.
          if (wasOpen)
            storage.audit.record({
              action: 'attention.resolved',
              actorId: staffOf(context),
              target: entry.clientId,
              details: { entryId: id, kind: entry.kind, itemKind: entry.itemKind },
            });
          return entry;
        });
      } catch (error) {
        if (error instanceof NeedsAttentionNotFoundError) throw new AppError('not_found', error.message);
        throw error;
      }
    },
  };
}
