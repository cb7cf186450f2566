import type { AuditTrail } from '../audit/audit-trail';
import type { Settings } from '../../../shared/domain/settings';
import type { Db } from '../storage/db';
import type { TransactionType } from '../../../shared/api/transactions';
import type { OutboxWriter } from '../storage/outbox';

/** What the register's services share; each takes only the parts it uses. */
export interface RegisterBase {
  db: Db;
  now: () => Date;
  /** The resolved settings (store currency, tax mode, cash rounding, policies), read per call. */
  settings: () => Settings;
}

export interface RecordingDeps extends RegisterBase {
  audit: AuditTrail;
  /** Only the register's transaction kinds; each service declares its own (see core/register.ts). */
  outbox: OutboxWriter<TransactionType>;
  terminalId: string;
}
