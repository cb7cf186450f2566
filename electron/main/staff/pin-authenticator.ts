import type { AuditTrail } from '../audit/audit-trail';
import type { SecurityLog } from '../logging/security-log';
import type { Db } from '../storage/db';
import { securityAlertItem, type OutboxWriter } from '../storage/outbox';
import { writeTransaction } from '../storage/transaction';
import type { PinHasher } from './pin-hasher';
import { passphraseProblem, type AdminPassphrases } from './admin-passphrases';
import {
  LOCKOUT_LADDER_SECONDS,
  PCI_LOCKOUT_LADDER_SECONDS,
  SignInThrottle,
  STAFF_FAILURE_LIMIT,
  TERMINAL_FAILURE_LIMIT,
  TERMINAL_WINDOW_SECONDS,
} from './sign-in-throttle';
import type { StaffRecord, StaffRepository } from './staff-repository';

export type PinPurpose = 'sign_in' | 'approval';

export type PinCheck =
  | { outcome: 'ok'; staff: StaffRecord }
  | { outcome: 'wrong_pin'; attemptsLeft: number }
  | { outcome: 'locked_out'; retryAfterSeconds: number }
  | { outcome: 'terminal_throttled'; retryAfterSeconds: number }
  | { outcome: 'not_allowed'; message: string }
  /** PCI sign-in mode: an admin signs in with PIN and passphrase; `firstTime`: none set yet, this one becomes it. */
  | { outcome: 'passphrase_required'; firstTime: boolean };

export interface PinAuthenticatorDeps {
  staff: StaffRepository;
  hasher: PinHasher;
  throttle: SignInThrottle;
  audit: AuditTrail;
  securityLog: SecurityLog;
  db: Db;
  outbox: OutboxWriter<'security_alert'>;
  now: () => Date;
  /** The policy's PCI sign-in mode (docs/compliance/pci-dss.md): 30-minute lockouts, admin passphrases. */
  pciMode?: () => boolean;
  passphrases?: AdminPassphrases;
}

/**
 * Every PIN entry, for sign-in and for manager approval alike, goes through here: terminal-wide
 * throttle, per-staff lockout, then the slow hash. Checks run one at a time, so parallel guesses
 * cannot slip past a lockout that the first of them is about to trigger.
 */
export class PinAuthenticator {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PinAuthenticatorDeps) {}

  /** Only a sign-in can ask for a passphrase; approvals stay PIN only. */
  check<P extends PinPurpose>(
    staffId: string,
    pin: string,
    purpose: P,
    passphrase?: string,
  ): Promise<P extends 'sign_in' ? PinCheck : Exclude<PinCheck, { outcome: 'passphrase_required' }>> {
    const run = this.queue.then(() => this.checkNow(staffId, pin, purpose, passphrase));
    this.queue = run.catch(() => undefined);
    return run as Promise<P extends 'sign_in' ? PinCheck : Exclude<PinCheck, { outcome: 'passphrase_required' }>>;
  }

  private get ladder(): readonly number[] {
    return this.deps.pciMode?.() ? PCI_LOCKOUT_LADDER_SECONDS : LOCKOUT_LADDER_SECONDS;
  }

  private async checkNow(staffId: string, pin: string, purpose: PinPurpose, passphrase?: string): Promise<PinCheck> {
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
      this.deps.audit.record({
        action: 'staff.sign_in_failed',
        actorId: staffId,
        details: { purpose, reason: staff ? 'inactive' : 'unknown' },
      });
      this.terminalFailure();
      return { outcome: 'not_allowed', message: 'This staff member cannot sign in here.' };
    }

    const passphrases = this.deps.pciMode?.() && purpose === 'sign_in' && staff.role === 'admin' ? this.deps.passphrases : undefined;
    const firstTime = passphrases ? !passphrases.has(staffId) : false;
    // Asked for before the PIN is checked, so the answer says nothing about the PIN.
    if (passphrases && passphrase === undefined) return { outcome: 'passphrase_required', firstTime };
    if (passphrases && firstTime && passphrase !== undefined) {
      const problem = passphraseProblem(passphrase);
      if (problem) return { outcome: 'not_allowed', message: problem };
    }

    const pinOk = await this.deps.hasher.verify(pin, staff.pinHash);
    const secondOk = !passphrases || firstTime || (passphrase !== undefined && (await passphrases.verify(staffId, passphrase)));
    if (pinOk && secondOk) {
      if (passphrases && firstTime && passphrase !== undefined) {
        await passphrases.set(staffId, passphrase);
        this.deps.audit.record({ action: 'staff.changed', actorId: staffId, target: staffId, details: { passphrase: 'set' } });
      }
      throttle.recordSuccess(`staff:${staffId}`);
      attempt('success');
      return { outcome: 'ok', staff };
    }

    attempt('failure');
    this.deps.audit.record({ action: 'staff.sign_in_failed', actorId: staffId, details: { purpose } });
    const staffResult = throttle.recordFailure(`staff:${staffId}`, STAFF_FAILURE_LIMIT, undefined, this.ladder);
    const terminalResult = this.terminalFailure();
    if (staffResult.locked) {
      this.deps.audit.record({
        action: 'staff.locked_out',
        actorId: staffId,
        details: { failures: staffResult.failures, lockedForSeconds: staffResult.lockedForSeconds },
      });
      securityLog.record({ type: 'auth.lockout', staffId, failures: staffResult.failures, lockedForSeconds: staffResult.lockedForSeconds });
      this.alertApi('staff_locked_out', { staffId, failures: staffResult.failures, lockedForSeconds: staffResult.lockedForSeconds });
      return { outcome: 'locked_out', retryAfterSeconds: staffResult.lockedForSeconds };
    }
    if (terminalResult.locked) return { outcome: 'terminal_throttled', retryAfterSeconds: terminalResult.lockedForSeconds };
    return { outcome: 'wrong_pin', attemptsLeft: Math.min(staffResult.attemptsLeft, terminalResult.attemptsLeft) };
  }

  private terminalFailure() {
    const result = this.deps.throttle.recordFailure('terminal', TERMINAL_FAILURE_LIMIT, TERMINAL_WINDOW_SECONDS, this.ladder);
    if (result.locked) {
      this.deps.audit.record({
        action: 'staff.locked_out',
        actorId: null,
        target: 'terminal',
        details: { failures: result.failures, lockedForSeconds: result.lockedForSeconds },
      });
      this.deps.securityLog.record({
        type: 'auth.terminal_throttled',
        failures: result.failures,
        lockedForSeconds: result.lockedForSeconds,
      });
      this.alertApi('terminal_sign_in_throttled', { failures: result.failures, lockedForSeconds: result.lockedForSeconds });
    }
    return result;
  }

  /** Security alerts wait in the outbox until sync delivers them to the NoPOS API. */
  private alertApi(name: string, details: Record<string, string | number>): void {
    writeTransaction(this.deps.db, (tx) =>
      this.deps.outbox.enqueue(tx, securityAlertItem({ name, at: this.deps.now().toISOString(), ...details })),
    );
  }
}
