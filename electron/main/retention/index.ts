import type { Settings } from '../../../shared/domain/settings';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../storage/db';
import { startPeriodic } from '../timers/periodic';
import { SaleDetailsPruning } from './sale-details-pruning';

export interface RetentionPorts {
  db: Db;
  now: () => Date;
  settings: () => Settings;
  audit: AuditTrail;
  log: (entry: Record<string, unknown>) => void;
}

export interface Retention {
  /** One pass over everything retention covers here; logs age out on their own (logging/rotating-log.ts). */
  runOnce(): { sales: number; lines: number };
  /** Runs at start and every 6 hours; returns the stop function. */
  start(): () => void;
}

const EVERY_MS = 6 * 3_600_000;

/** The retention area: what the policy says may no longer be kept on the terminal is removed. */
export function createRetention(ports: RetentionPorts): Retention {
  const sales = new SaleDetailsPruning({
    db: ports.db,
    now: ports.now,
    audit: ports.audit,
    days: () => ports.settings().policies.privacy.saleDetailsDays,
  });
  const runOnce = () => sales.run();
  return {
    runOnce,
    start: () =>
      startPeriodic(runOnce, EVERY_MS, (error) =>
        ports.log({ event: 'retention.failed', error: error instanceof Error ? error.name : typeof error }),
      ),
  };
}
