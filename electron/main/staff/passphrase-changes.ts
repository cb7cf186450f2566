import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { SecurityLog } from '../logging/security-log';
import { passphraseProblem, type AdminPassphrases } from './admin-passphrases';
import type { StaffRepository } from './staff-repository';

export interface PassphraseChangesDeps {
  passphrases: AdminPassphrases;
  staff: StaffRepository;
  audit: Pick<AuditTrail, 'record'>;
  securityLog: Pick<SecurityLog, 'record'>;
}

/**
 * The way out of a forgotten admin passphrase (PCI DSS 8.3.6 mode): an admin changes their own with the
 * old one, and another admin resets it (cleared; the admin sets a new one at their next sign-in, after
 * their PIN). Nobody resets their own: that would make the passphrase worth no more than the session.
 */
export class PassphraseChanges {
  constructor(private readonly deps: PassphraseChangesDeps) {}

  async change(staffId: string, current: string, next: string): Promise<void> {
    if (!this.deps.passphrases.has(staffId)) {
      throw new AppError('conflict', 'You have no passphrase yet: you set one at your next sign-in in PCI sign-in mode.');
    }
    if (!(await this.deps.passphrases.verify(staffId, current))) {
      this.deps.securityLog.record({ type: 'staff.changed', actorId: staffId, targetId: staffId, change: 'passphrase_change_refused' });
      throw new AppError('forbidden', 'That is not your current passphrase.');
    }
    const problem = passphraseProblem(next);
    if (problem) throw new AppError('invalid_request', problem);
    if (next === current) throw new AppError('invalid_request', 'The new passphrase must differ from the current one.');
    await this.deps.passphrases.set(staffId, next);
    this.audited(staffId, staffId, 'passphrase_changed');
  }

  reset(targetId: string, actorId: string): void {
    const target = this.deps.staff.get(targetId);
    if (!target) throw new AppError('not_found', 'No such staff member.');
    if (target.role !== 'admin') throw new AppError('conflict', 'Only admins have a passphrase.');
    if (targetId === actorId) throw new AppError('conflict', 'Change your own passphrase with your current one; another admin resets it.');
    if (!this.deps.passphrases.clear(targetId)) throw new AppError('conflict', `${target.name} has no passphrase set.`);
    this.audited(actorId, targetId, 'passphrase_reset');
  }

  private audited(actorId: string, targetId: string, change: string): void {
    this.deps.audit.record({ action: 'staff.changed', actorId, target: targetId, details: { change } });
    this.deps.securityLog.record({ type: 'staff.changed', actorId, targetId, change });
  }
}
