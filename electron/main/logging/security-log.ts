import type { IpcLogEntry } from '../ipc/registry';
import type { RotatingLog } from './rotating-log';

export type Severity = 'info' | 'warning' | 'alert';

/** The events the NoPOS security practices ask for, each with the fields an investigator needs. */
export type SecurityEvent =
  | { type: 'auth.attempt'; staffId: string; outcome: 'success' | 'failure' | 'locked' }
  | { type: 'auth.lockout'; staffId: string; failures: number; lockedForSeconds: number }
  | { type: 'auth.sign_out'; staffId: string; reason: 'manual' | 'auto_lock' | 'os_lock' | 'switch_user' }
  | { type: 'ipc.rejected'; channel: string; code: string; senderId: string; staffId?: string }
  | { type: 'storage.key_rotated' }
  | { type: 'startup.refused'; reason: string }
  | { type: 'alert'; name: string; detail: string };

const SEVERITY: Record<SecurityEvent['type'], Severity> = {
  'auth.attempt': 'info',
  'auth.lockout': 'alert',
  'auth.sign_out': 'info',
  'ipc.rejected': 'warning',
  'storage.key_rotated': 'info',
  'startup.refused': 'alert',
  alert: 'alert',
};

export class SecurityLog {
  constructor(
    private readonly log: RotatingLog,
    private readonly terminalId: () => string,
  ) {}

  record(event: SecurityEvent): void {
    const severity = event.type === 'auth.attempt' && event.outcome !== 'success' ? 'warning' : SEVERITY[event.type];
    this.log.write({ terminalId: this.terminalId(), severity, ...event });
  }
}

/** Routes the IPC registry's reports: refusals are security events, failures are app errors. */
export function ipcLogSink(security: SecurityLog, appLog: RotatingLog): (entry: IpcLogEntry) => void {
  return (entry) => {
    if (entry.kind === 'rejected') security.record({ type: 'ipc.rejected', channel: entry.channel, code: entry.code, senderId: entry.senderId });
    else appLog.write({ level: 'error', event: 'ipc.failed', ...entry });
  };
}
