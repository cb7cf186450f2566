import { PERMISSIONS, type ChannelAccess } from '../../../shared/domain/permissions';
import { roleHas, type ApprovalResult, type SessionView, type SignInResult } from '../../../shared/domain/staff';
import type { AuditTrail } from '../audit/audit-trail';
import type { AccessGate, Authorization, CallInfo } from '../ipc/access-gate';
import type { SecurityLog } from '../logging/security-log';
import type { SettingsService } from '../settings/settings-service';
import { ApprovalSlot, requestFingerprint } from './approvals';
import type { PinAuthenticator } from './pin-authenticator';
import { toSummary, type StaffRecord, type StaffRepository } from './staff-repository';

export type LockReason = 'manual' | 'idle' | 'os_lock';
export type SignOutReason = 'manual' | 'switch_user';

type State =
  | { kind: 'signed_out' }
  | { kind: 'signed_in'; staffId: string; lastActivityMs: number }
  | { kind: 'locked'; staffId: string; reason: LockReason };

export interface SessionDeps {
  staff: StaffRepository;
  auth: PinAuthenticator;
  settings: SettingsService;
  audit: AuditTrail;
  securityLog: SecurityLog;
  now: () => Date;
  /** The access each channel needs, from the contract: approvals are only for permission-guarded ones. */
  channelAccess: (channel: string) => ChannelAccess | undefined;
  /** Whether this staff member has work in progress (an open sale) that must not pass to someone else. */
  hasOpenWork?: (staffId: string) => boolean;
}

/**
 * The one staff session of this terminal, held in the main process only (the page holds no token).
 * It is also the registry's access gate: every channel call is checked against the signed-in staff
 * member's role, after locking the session if it has been idle too long.
 */
export class SessionService implements AccessGate {
  private state: State = { kind: 'signed_out' };
  private readonly approvals: ApprovalSlot;
  private readonly listeners = new Set<(view: SessionView) => void>();

  constructor(private readonly deps: SessionDeps) {
    this.approvals = new ApprovalSlot(deps.now);
  }

  onChange(listener: (view: SessionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }

  private get policies() {
    return this.deps.settings.current().values.policies;
  }

  view(): SessionView {
    const { pinLength, autoLockMinutes } = this.policies;
    if (this.deps.staff.count() === 0) return { state: 'setup_required', pinLength };
    const staff = this.state.kind === 'signed_out' ? null : this.deps.staff.get(this.state.staffId);
    if (this.state.kind === 'signed_in' && staff) {
      const permissions = [...new Set(['signed-in', ...PERMISSIONS.filter((p) => roleHas(staff.role, p))])];
      return { state: 'signed_in', staff: toSummary(staff), permissions, pinLength, autoLockMinutes };
    }
    if (this.state.kind === 'locked' && staff) return { state: 'locked', lockedStaff: toSummary(staff), reason: this.state.reason, pinLength };
    return { state: 'signed_out', pinLength };
  }

  currentStaffId(): string | null {
    return this.state.kind === 'signed_in' ? this.state.staffId : null;
  }

  /** Who may take over from the current or locked session without passing on someone's open sale. */
  private takeOverRefusal(target: StaffRecord): string | null {
    if (this.state.kind === 'signed_out' || this.state.staffId === target.id) return null;
    if (target.role !== 'cashier') return null;
    const holder = this.deps.staff.get(this.state.staffId);
    if (holder && this.deps.hasOpenWork?.(holder.id)) {
      return `${holder.name} has a sale open: only ${holder.name} or a manager can carry on.`;
    }
    return null;
  }

  async signIn(staffId: string, pin: string): Promise<SignInResult> {
    if (this.deps.staff.count() === 0) return { outcome: 'not_allowed', message: 'Set up the first admin before signing in.' };
    const target = this.deps.staff.get(staffId);
    const refusal = target && target.active ? this.takeOverRefusal(target) : null;
    if (refusal) return { outcome: 'not_allowed', message: refusal };

    const check = await this.deps.auth.check(staffId, pin, 'sign_in');
    if (check.outcome !== 'ok') return check;
    this.start(check.staff, this.state.kind === 'locked' && this.state.staffId === check.staff.id);
    return { outcome: 'signed_in', session: this.view() };
  }

  /** Begins a session for someone already proven (a correct PIN, or the first admin just created). */
  start(staff: StaffRecord, resumed = false): void {
    if (this.state.kind !== 'signed_out' && this.state.staffId !== staff.id) this.end('switch_user');
    this.approvals.clear();
    this.state = { kind: 'signed_in', staffId: staff.id, lastActivityMs: this.deps.now().getTime() };
    this.deps.audit.record({ action: 'staff.sign_in', actorId: staff.id, ...(resumed ? { details: { resumed: true } } : {}) });
    this.deps.securityLog.record({ type: 'auth.session', staffId: staff.id, change: resumed ? 'unlocked' : 'signed_in' });
    this.changed();
  }

  private end(reason: SignOutReason): void {
    if (this.state.kind === 'signed_out') return;
    const staffId = this.state.staffId;
    this.state = { kind: 'signed_out' };
    this.approvals.clear();
    this.deps.audit.record({ action: 'staff.sign_out', actorId: staffId, details: { reason } });
    this.deps.securityLog.record({ type: 'auth.session', staffId, change: 'signed_out', reason });
  }

  signOut(reason: SignOutReason = 'manual'): SessionView {
    this.end(reason);
    this.changed();
    return this.view();
  }

  lock(reason: LockReason): SessionView {
    if (this.state.kind !== 'signed_in') return this.view();
    const staffId = this.state.staffId;
    this.state = { kind: 'locked', staffId, reason };
    this.approvals.clear();
    this.deps.audit.record({ action: 'staff.session_locked', actorId: staffId, details: { reason } });
    this.deps.securityLog.record({ type: 'auth.session', staffId, change: 'locked', reason });
    this.changed();
    return this.view();
  }

  /** The page reports that a person touched it; only that, not background calls, keeps a session awake. */
  activity(): void {
    if (this.state.kind === 'signed_in') this.state.lastActivityMs = this.deps.now().getTime();
  }

  /** Locks an idle session. Called on a timer by the host and before every authorisation. */
  tick(): void {
    if (this.state.kind !== 'signed_in') return;
    if (this.deps.now().getTime() - this.state.lastActivityMs >= this.policies.autoLockMinutes * 60_000) this.lock('idle');
  }

  async grantApproval(request: { approverId: string; pin: string; channel: string; request: unknown }): Promise<ApprovalResult> {
    const staff = this.state.kind === 'signed_in' ? this.deps.staff.get(this.state.staffId) : null;
    if (!staff) return { outcome: 'not_allowed', message: 'Sign in first.' };
    const access = this.deps.channelAccess(request.channel);
    if (!access || access === 'public' || access === 'signed-in') return { outcome: 'not_allowed', message: 'That action needs no approval.' };
    if (roleHas(staff.role, access)) return { outcome: 'not_allowed', message: 'You can do this yourself.' };
    if (request.approverId === staff.id) return { outcome: 'not_allowed', message: 'Another staff member must approve.' };
    const approver = this.deps.staff.get(request.approverId);
    if (!approver || !approver.active || !roleHas(approver.role, 'approve:overrides') || !roleHas(approver.role, access)) {
      return { outcome: 'not_allowed', message: 'Only an active manager or admin can approve this.' };
    }
    const check = await this.deps.auth.check(approver.id, request.pin, 'approval');
    if (check.outcome !== 'ok') return check;
    // The session may have changed while the PIN was being checked.
    if (this.currentStaffId() !== staff.id) return { outcome: 'not_allowed', message: 'The session changed. Try again.' };
    const expiresInSeconds = this.approvals.grant({
      fingerprint: requestFingerprint(request.channel, request.request),
      channel: request.channel,
      staffId: staff.id,
      approverId: approver.id,
    });
    return { outcome: 'approved', expiresInSeconds };
  }

  authorize(access: ChannelAccess, _sender: unknown, call: CallInfo): Authorization {
    this.tick();
    const staffId = this.currentStaffId();
    if (access === 'public') return { allowed: true, actorId: staffId };
    if (!staffId) return { allowed: false, code: 'unauthenticated', actorId: null };
    const staff = this.deps.staff.get(staffId);
    if (!staff || !staff.active) {
      this.signOut('manual');
      return { allowed: false, code: 'unauthenticated', actorId: staffId };
    }
    if (access === 'signed-in' || roleHas(staff.role, access)) return { allowed: true, actorId: staffId };
    const approverId = this.approvals.consume(staffId, call.channel, call.payload);
    if (!approverId) return { allowed: false, code: 'forbidden', actorId: staffId };
    this.deps.audit.record({ action: 'override.approved', actorId: staffId, approverId, target: call.channel });
    this.deps.securityLog.record({ type: 'auth.approval', staffId, approverId, channel: call.channel });
    return { allowed: true, actorId: staffId, approverId };
  }
}
