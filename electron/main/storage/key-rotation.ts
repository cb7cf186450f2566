import type { AuditTrail } from '../audit/audit-trail';
import type { SecurityLog } from '../logging/security-log';

/** What rotating the database key needs of the terminal's storage (core/terminal-storage.ts). */
export interface KeyRotation {
  rotateDatabaseKey(): Promise<void>;
  audit: AuditTrail;
  securityLog: SecurityLog;
}
