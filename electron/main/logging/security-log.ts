import type { IpcLogEntry } from '../ipc/registry';
import type { RotatingLog } from './rotating-log';

export type Severity = 'info' | 'warning' | 'alert';

/** The events the NoPOS security practices ask for, each with the fields an investigator needs. */
export type SecurityEvent =
  | { type: 'auth.attempt'; staffId: string; purpose: 'sign_in' | 'approval'; outcome: 'success' | 'failure' | 'locked' | 'throttled' | 'not_allowed' }
  | { type: 'auth.lockout'; staffId: string; failures: number; lockedForSeconds: number }
  | { type: 'auth.terminal_throttled'; failures: number; lockedForSeconds: number }
  | { type: 'auth.session'; staffId: string; change: 'signed_in' | 'signed_out' | 'locked' | 'unlocked'; reason?: string }
  | { type: 'auth.approval'; staffId: string; approverId: string; channel: string }
  | { type: 'staff.changed'; actorId: string | null; targetId: string; change: string }
  | { type: 'ipc.rejected'; channel: string; code: string; senderId: string; staffId?: string }
  | { type: 'storage.key_rotated' }
  | { type: 'startup.refused'; reason: string }
  | { type: 'alert'; name: string; detail: string };

const SEVERITY: Record<SecurityEvent['type'], Severity> = {
  'auth.attempt': 'info',
  'auth.lockout': 'alert',
  'auth.terminal_throttled': 'alert',
  'auth.session': 'info',
  'auth.approval': 'info',
  'staff.changed': 'info',
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
    // A refused IPC call is a warning: cashiers meet `forbidden` routinely before a manager approves.
    const severity = event.type === 'auth.attempt' && event.outcome !== 'success' ? 'warning' : SEVERITY[event.type];
    this.log.write({ terminalId: this.terminalId(), severity, ...event });
  }
}

/** Routes the IPC registry's reports: refusals are security events, failures are app errors. */
export function ipcLogSink(security: SecurityLog, appLog: RotatingLog): (entry: IpcLogEntry) => void {
  return (entry) => {
    if (entry.kind === 'rejected') {
      security.record({ type: 'ipc.rejected', channel: entry.channel, code: entry.code, senderId: entry.senderId, ...(entry.staffId ? { staffId: entry.staffId } : {}) });
    }
    else appLog.write({ level: 'error', event: 'ipc.failed', ...entry });
  };
}
