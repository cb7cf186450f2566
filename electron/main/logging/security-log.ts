import type { IpcLogEntry } from '../ipc/registry';
import { NoiseAggregator, type NoiseLimits } from './noise-aggregator';
import type { RotatingLog } from './rotating-log';

export type Severity = 'info' | 'warning' | 'alert';

/** The events the NoPOS security practices ask for, each with the fields an investigator needs. */
export type SecurityEvent =
  | {
      type: 'auth.attempt';
      staffId: string;
      purpose: 'sign_in' | 'approval';
      outcome: 'success' | 'failure' | 'locked' | 'throttled' | 'not_allowed';
    }
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

export interface SecurityLogOptions {
  /**
   * Where refusals a caller can repeat at will go (`ipc.rejected`, attempts while locked): a file of
   * their own, so however many there are they rotate out only each other, never a lockout or an alert.
   */
  refusals?: RotatingLog;
  now?: () => Date;
  noiseLimits?: NoiseLimits;
}

/** Events anyone at the page can produce as fast as the rate limiter lets them. */
function isNoise(event: SecurityEvent): boolean {
  return event.type === 'ipc.rejected' || (event.type === 'auth.attempt' && (event.outcome === 'locked' || event.outcome === 'throttled'));
}

function noiseKind(event: SecurityEvent, crowded: boolean): string {
  if (event.type === 'ipc.rejected') return ['ipc.rejected', event.code, event.senderId, crowded ? '*' : event.channel].join('\u0000');
  if (event.type === 'auth.attempt') return ['auth.attempt', event.outcome, crowded ? '*' : event.staffId].join('\u0000');
  return event.type;
}

export class SecurityLog {
  private readonly noise: NoiseAggregator<SecurityEvent>;

  constructor(
    private readonly log: RotatingLog,
    private readonly terminalId: () => string,
    options: SecurityLogOptions = {},
  ) {
    const refusals = options.refusals ?? log;
    const now = options.now ?? (() => new Date());
    this.noise = new NoiseAggregator<SecurityEvent>(
      {
        write: (event) => this.writeTo(refusals, event),
        summarize: (sample, suppressed, windowSeconds) =>
          this.writeTo(refusals, sample, {
            aggregated: true,
            suppressed,
            detail: `${suppressed} more like this in the last ${windowSeconds === 60 ? 'minute' : `${windowSeconds} s`}`,
          }),
        flood: (total, windowSeconds) =>
          this.writeTo(this.log, {
            type: 'alert',
            name: 'security_log.flood',
            detail: `${total} refused calls within ${windowSeconds} s; repeats are counted in security-refusals.log, and this alert repeats at most hourly`,
          }),
      },
      () => now().getTime(),
      options.noiseLimits,
    );
  }

  record(event: SecurityEvent): void {
    if (isNoise(event)) this.noise.record(event, noiseKind(event, false), noiseKind(event, true));
    else this.writeTo(this.log, event);
  }

  /** Writes out the count of a refusal flood once its minute is over (call every few seconds). */
  tick(): void {
    this.noise.tick();
  }

  /** Writes out what the current minute left out (before shutdown). */
  flush(): void {
    this.noise.flush();
  }

  private writeTo(file: RotatingLog, event: SecurityEvent, extra: Record<string, unknown> = {}): void {
    // A refused IPC call is a warning: cashiers meet `forbidden` routinely before a manager approves.
    const severity = event.type === 'auth.attempt' && event.outcome !== 'success' ? 'warning' : SEVERITY[event.type];
    file.write({ terminalId: this.terminalId(), severity, ...event, ...extra });
  }
}

/** Routes the IPC registry's reports: refusals are security events, failures are app errors. */
export function ipcLogSink(security: SecurityLog, appLog: RotatingLog): (entry: IpcLogEntry) => void {
  return (entry) => {
    if (entry.kind === 'rejected') {
      security.record({
        type: 'ipc.rejected',
        channel: entry.channel,
        code: entry.code,
        senderId: entry.senderId,
        ...(entry.staffId ? { staffId: entry.staffId } : {}),
      });
    } else appLog.write({ level: 'error', event: 'ipc.failed', ...entry });
  };
}
