import { AGE_WARNING_MS, CLOCK_DRIFT_LIMIT_MS, type Connectivity, type SyncStatus } from '../../../shared/domain/sync';
import type { Enrollment } from '../enrollment/enrollment-service';
import type { ClockReading } from './clock-check';

/** The status bar's view of sync, from facts the engine and the queue hold. */
export function statusOf(input: {
  connectivity: Connectivity;
  enrollment: Enrollment | null;
  stats: { count: number; oldestCreatedAt: string | null; oldestPaymentCreatedAt: string | null };
  needsAttention: number;
  lastSyncAt: string | null;
  syncing: boolean;
  clock: ClockReading | null;
  salesStopped: boolean;
  maxAgeHours: number;
  outOfDateSince: { catalog: string | null; staff: string | null };
}): SyncStatus {
  const oldest = input.stats.oldestCreatedAt ? Date.parse(input.stats.oldestCreatedAt) : null;
  return {
    connectivity: input.connectivity,
    enrolled: input.enrollment !== null,
    terminalId: input.enrollment?.terminalId ?? null,
    storeName: input.enrollment?.store.name ?? null,
    pending: input.stats.count,
    needsAttention: input.needsAttention,
    oldestPendingAt: oldest === null ? null : new Date(oldest).toISOString(),
    warnAt: oldest === null ? null : new Date(oldest + AGE_WARNING_MS).toISOString(),
    // The policy's age limit is for stored card payments: no countdown while only sales wait.
    limitAt:
      input.stats.oldestPaymentCreatedAt === null
        ? null
        : new Date(Date.parse(input.stats.oldestPaymentCreatedAt) + input.maxAgeHours * 3_600_000).toISOString(),
    lastSyncAt: input.lastSyncAt,
    syncing: input.syncing,
    clockDriftMs: input.clock?.driftMs ?? null,
    clockDriftWarning: input.clock !== null && Math.abs(input.clock.driftMs) > CLOCK_DRIFT_LIMIT_MS,
    salesStopped: input.salesStopped,
    catalogOutOfDateSince: input.outOfDateSince.catalog,
    staffOutOfDateSince: input.outOfDateSince.staff,
  };
}
