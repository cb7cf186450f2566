import type { Role, StaffSummary } from '../../../shared/domain/staff';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { SecurityLog } from '../logging/security-log';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../storage/db';
import type { PinHasher } from './pin-hasher';
import { checkNewPin, PIN_PROBLEM_MESSAGES } from './pin-rules';
import { newStaffId, toSummary, type StaffRecord, type StaffRepository } from './staff-repository';

export interface StaffServiceDeps {
  db: Db;
  /** A PIN reset by an admin also lifts that staff member's lockout. */
  clearLockout: (staffId: string) => void;
  staff: StaffRepository;
  hasher: PinHasher;
  settings: SettingsService;
  audit: AuditTrail;
  securityLog: SecurityLog;
}

/**
 * Adding and changing staff: the first admin on a new terminal, then admin-only changes. Staff are
 * never deleted, only deactivated, because the audit trail refers to them. Every change is audited.
 */
export class StaffService {
  constructor(private readonly deps: StaffServiceDeps) {}

  private async newPinHash(pin: string, current?: StaffRecord): Promise<string> {
    const matches = async (hash: string | null | undefined) => (hash ? this.deps.hasher.verify(pin, hash) : false);
    const problem = await checkNewPin(
      pin,
      this.deps.settings.current().values.policies.pinLength,
      async () => (await matches(current?.pinHash)) || (await matches(current?.previousPinHash)),
    );
    if (problem) throw new AppError('invalid_request', PIN_PROBLEM_MESSAGES[problem]);
    return this.deps.hasher.hash(pin);
  }

  private require(id: string): StaffRecord {
    const staff = this.deps.staff.get(id);
    if (!staff) throw new AppError('not_found', 'No such staff member.');
    return staff;
  }

  private record(actorId: string | null, target: StaffRecord, change: string, details: Record<string, string | boolean> = {}): void {
    this.deps.audit.record({
      action: change === 'created' ? 'staff.created' : 'staff.changed',
      actorId,
      target: target.id,
      details: { change, ...details },
    });
    this.deps.securityLog.record({ type: 'staff.changed', actorId, targetId: target.id, change });
  }

  /** Only on a terminal where no one can sign in yet: the person setting it up becomes its first admin. */
  async setupFirstAdmin(name: string, pin: string): Promise<StaffRecord> {
    if (this.deps.staff.countWithPin() > 0) throw new AppError('conflict', 'This terminal is already set up.');
    const pinHash = await this.newPinHash(pin);
    const id = newStaffId();
    this.deps.db
      .transaction(() => {
        // Checked again inside the transaction: two set-up attempts cannot both win.
        if (this.deps.staff.countWithPin() > 0) throw new AppError('conflict', 'This terminal is already set up.');
        this.deps.staff.insert({ id, name, role: 'admin', pinHash });
        this.record(id, this.require(id), 'created', { role: 'admin', firstAdmin: true });
      })
      .immediate();
    return this.require(id);
  }

  async create(input: { name: string; role: Role; pin: string }, actorId: string | null): Promise<StaffSummary> {
    const pinHash = await this.newPinHash(input.pin);
    const id = newStaffId();
    this.deps.db
      .transaction(() => {
        this.deps.staff.insert({ id, name: input.name, role: input.role, pinHash });
        this.record(actorId, this.require(id), 'created', { role: input.role });
      })
      .immediate();
    return toSummary(this.require(id));
  }

  private assertAdminRemains(target: StaffRecord, losesAdmin: boolean): void {
    if (losesAdmin && target.role === 'admin' && target.active && this.deps.staff.countActive('admin') <= 1) {
      throw new AppError('conflict', 'At least one active admin must remain.');
    }
  }

  update(input: { id: string; name?: string; role?: Role }, actorId: string | null): StaffSummary {
    const target = this.require(input.id);
    this.assertAdminRemains(target, input.role !== undefined && input.role !== 'admin');
    const details: Record<string, string> = {};
    if (input.name !== undefined && input.name !== target.name) details.renamed = 'yes';
    if (input.role !== undefined && input.role !== target.role) details.role = input.role;
    if (Object.keys(details).length === 0) return toSummary(target);
    this.deps.db
      .transaction(() => {
        this.deps.staff.update(target.id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.role ? { role: input.role } : {}),
        });
        this.record(actorId, target, details.role ? 'role' : 'renamed', details);
      })
      .immediate();
    return toSummary(this.require(target.id));
  }

  async resetPin(input: { id: string; pin: string }, actorId: string | null): Promise<StaffSummary> {
    const target = this.require(input.id);
    const pinHash = await this.newPinHash(input.pin, target);
    this.deps.db
      .transaction(() => {
        this.deps.staff.setPin(target.id, pinHash);
        this.deps.clearLockout(target.id);
        this.record(actorId, target, 'pin_reset');
      })
      .immediate();
    return toSummary(this.require(target.id));
  }

  setActive(input: { id: string; active: boolean }, actorId: string | null): StaffSummary {
    const target = this.require(input.id);
    if (target.active === input.active) return toSummary(target);
    if (!input.active && target.id === actorId) throw new AppError('conflict', 'You cannot deactivate yourself.');
    this.assertAdminRemains(target, !input.active);
    this.deps.db
      .transaction(() => {
        this.deps.staff.update(target.id, { active: input.active });
        this.record(actorId, target, input.active ? 'reactivated' : 'deactivated');
      })
      .immediate();
    return toSummary(this.require(target.id));
  }
}
