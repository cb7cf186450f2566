import type { AuditTrail } from '../audit/audit-trail';
import type { SecurityLog } from '../logging/security-log';
import type { Db } from '../storage/db';
import { securityAlertItem, type OutboxWriter } from '../storage/outbox';
import { writeTransaction } from '../storage/transaction';
import type { PinHasher } from './pin-hasher';
import { SignInThrottle, STAFF_FAILURE_LIMIT, TERMINAL_FAILURE_LIMIT, TERMINAL_WINDOW_SECONDS } from './sign-in-throttle';
import type { StaffRecord, StaffRepository } from './staff-repository';

export type PinPurpose = 'sign_in' | 'approval';

export type PinCheck =
  | { outcome: 'ok'; staff: StaffRecord }
  | { outcome: 'wrong_pin'; attemptsLeft: number }
  | { outcome: 'locked_out'; retryAfterSeconds: number }
  | { outcome: 'terminal_throttled'; retryAfterSeconds: number }
  | { outcome: 'not_allowed'; message: string };

export interface PinAuthenticatorDeps {
  staff: StaffRepository;
  hasher: PinHasher;
  throttle: SignInThrottle;
  audit: AuditTrail;
  securityLog: SecurityLog;
  db: Db;
  outbox: OutboxWriter<'security_alert'>;
  now: () => Date;
}

/**
 * Every PIN entry, for sign-in and for manager approval alike, goes through here: terminal-wide
 * throttle, per-staff lockout, then the slow hash. Checks run one at a time, so parallel guesses
 * cannot slip past a lockout that the first of them is about to trigger.
 */
export class PinAuthenticator {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PinAuthenticatorDeps) {}

  check(staffId: string, pin: string, purpose: PinPurpose): Promise<PinCheck> {
    const run = this.queue.then(() => this.checkNow(staffId, pin, purpose));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async checkNow(staffId: string, pin: string, purpose: PinPurpose): Promise<PinCheck> {
    const { throttle, securityLog } = this.deps;
    const attempt = (outcome: 'success' | 'failure' | 'locked' | 'throttled' | 'not_allowed') =>
      securityLog.record({ type: 'auth.attempt', staffId, purpose, outcome });

    // Both waits apply; the person is told the longer one.
    const terminalGate = throttle.gate('terminal');
    const staffGate = throttle.gate(`staff:${staffId}`);
    const terminalWait = terminalGate.open ? 0 : terminalGate.retryAfterSeconds;
    const staffWait = staffGate.open ? 0 : staffGate.retryAfterSeconds;
    if (staffWait > 0 && staffWait >= terminalWait) {
      attempt('locked');
      return { outcome: 'locked_out', retryAfterSeconds: staffWait };
    }
    if (terminalWait > 0) {
      attempt('throttled');
      return { outcome: 'terminal_throttled', retryAfterSeconds: terminalWait };
    }
    const staff = this.deps.staff.get(staffId);
    if (!staff || !staff.active) {
      attempt('not_allowed');
      this.deps.audit.record({ action: 'staff.sign_in_failed', actorId: staffId, details: { purpose, reason: staff ? 'inactive' : 'unknown' } });
      this.terminalFailure();
      return { outcome: 'not_allowed', message: 'This staff member cannot sign in here.' };
    }

    if (await this.deps.hasher.verify(pin, staff.pinHash)) {
      throttle.recordSuccess(`staff:${staffId}`);
      attempt('success');
      return { outcome: 'ok', staff };
    }

    attempt('failure');
    this.deps.audit.record({ action: 'staff.sign_in_failed', actorId: staffId, details: { purpose } });
    const staffResult = throttle.recordFailure(`staff:${staffId}`, STAFF_FAILURE_LIMIT);
    const terminalResult = this.terminalFailure();
    if (staffResult.locked) {
      this.deps.audit.record({ action: 'staff.locked_out', actorId: staffId, details: { failures: staffResult.failures, lockedForSeconds: staffResult.lockedForSeconds } });
      securityLog.record({ type: 'auth.lockout', staffId, failures: staffResult.failures, lockedForSeconds: staffResult.lockedForSeconds });
      this.alertApi('staff_locked_out', { staffId, failures: staffResult.failures, lockedForSeconds: staffResult.lockedForSeconds });
      return { outcome: 'locked_out', retryAfterSeconds: staffResult.lockedForSeconds };
    }
    if (terminalResult.locked) return { outcome: 'terminal_throttled', retryAfterSeconds: terminalResult.lockedForSeconds };
    return { outcome: 'wrong_pin', attemptsLeft: Math.min(staffResult.attemptsLeft, terminalResult.attemptsLeft) };
  }

  private terminalFailure() {
    const result = this.deps.throttle.recordFailure('terminal', TERMINAL_FAILURE_LIMIT, TERMINAL_WINDOW_SECONDS);
    if (result.locked) {
      this.deps.audit.record({ action: 'staff.locked_out', actorId: null, target: 'terminal', details: { failures: result.failures, lockedForSeconds: result.lockedForSeconds } });
      this.deps.securityLog.record({ type: 'auth.terminal_throttled', failures: result.failures, lockedForSeconds: result.lockedForSeconds });
      this.alertApi('terminal_sign_in_throttled', { failures: result.failures, lockedForSeconds: result.lockedForSeconds });
    }
    return result;
  }

  /** Security alerts wait in the outbox until sync delivers them to the NoPOS API. */
  private alertApi(name: string, details: Record<string, string | number>): void {
    writeTransaction(this.deps.db, (tx) => this.deps.outbox.enqueue(tx, securityAlertItem({ name, at: this.deps.now().toISOString(), ...details })));
  }
}
