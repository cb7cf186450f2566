import type { ZodType } from 'zod';
import { PERMISSIONS, type ChannelAccess, type Permission } from '../../../shared/domain/permissions';
import { roleHas, type ApprovalResult, type SessionView, type SignInResult } from '../../../shared/domain/staff';
import type { AuditTrail } from '../audit/audit-trail';
import type { AccessGate, Authorization, CallInfo } from '../ipc/access-gate';
import type { SecurityLog } from '../logging/security-log';
import type { SettingsService } from '../settings/settings-service';
import { ApprovalSlot, requestFingerprint } from './approvals';
import type { PinAuthenticator } from './pin-authenticator';
import { toSummary, type StaffRecord, type StaffRepository } from './staff-repository';

export const PCI_IDLE_MINUTES = 15;

export type LockReason = 'manual' | 'idle' | 'os_lock';
export type SignOutReason = 'manual' | 'switch_user';

export type SessionEndReason = SignOutReason | 'deactivated';

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
  /**
   * What a manager's approval of a call on this channel stands in for, from the contract: its
   * `stepUp` permission if it has one, else its access. Approvals are only for permission-guarded ones.
   */
  approvableAccess: (channel: string) => ChannelAccess | undefined;
  /** The request schema of each channel, to read an approved request exactly as the handler will. */
  channelRequest: (channel: string) => ZodType | undefined;
  /**
   * Who has work in progress on this terminal (an open sale, kept in storage by the register), if
   * anyone. Asked of storage rather than of the session, so that it holds across sign-outs and restarts.
   */
  openWorkOwner?: () => string | null;
}

/**
 * The one staff session of this terminal, held in the main process only (the page holds no token).
 * It is also the registry's access gate: every channel call is checked against the signed-in staff
 * member's role, after locking the session if it has been idle too long.
 */
export class SessionService implements AccessGate {
  private state: State = { kind: 'signed_out' };
  /** Bumped by every sign-in, sign-out and lock: a PIN check that finishes after one of these is void. */
  private epoch = 0;
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

  /** PCI DSS 8.2.8: in PCI sign-in mode a session idle for 15 minutes needs the PIN again, whatever the setting. */
  private get autoLockMinutes(): number {
    const { autoLockMinutes, pciSignIn } = this.policies;
    return pciSignIn ? Math.min(autoLockMinutes, PCI_IDLE_MINUTES) : autoLockMinutes;
  }

  view(): SessionView {
    const { pinLength } = this.policies;
    const autoLockMinutes = this.autoLockMinutes;
    // Staff pulled from NoPOS have no PIN yet: until someone here can sign in, the terminal is not set up.
    if (this.deps.staff.countWithPin() === 0) return { state: 'setup_required', pinLength };
    const staff = this.state.kind === 'signed_out' ? null : this.deps.staff.get(this.state.staffId);
    if (this.state.kind === 'signed_in' && staff) {
      const permissions = [...new Set(['signed-in', ...PERMISSIONS.filter((p) => roleHas(staff.role, p))])];
      return { state: 'signed_in', staff: toSummary(staff), permissions, pinLength, autoLockMinutes };
    }
    if (this.state.kind === 'locked' && staff)
      return { state: 'locked', lockedStaff: toSummary(staff), reason: this.state.reason, pinLength };
    return { state: 'signed_out', pinLength };
  }

  currentStaffId(): string | null {
    return this.state.kind === 'signed_in' ? this.state.staffId : null;
  }

  /** An open sale passes only to the staff member who opened it, or to a manager or admin. */
  private takeOverRefusal(target: StaffRecord): string | null {
    if (target.role !== 'cashier') return null;
    const ownerId = this.deps.openWorkOwner?.() ?? null;
    if (!ownerId || ownerId === target.id) return null;
    const owner = this.deps.staff.get(ownerId);
    const name = owner?.name ?? 'Another staff member';
    return `${name} has a sale open: only ${name} or a manager can carry on.`;
  }

  async signIn(staffId: string, pin: string, passphrase?: string): Promise<SignInResult> {
    if (this.deps.staff.countWithPin() === 0) return { outcome: 'not_allowed', message: 'Set up the first admin before signing in.' };
    const target = this.deps.staff.get(staffId);
    const refusal = target && target.active ? this.takeOverRefusal(target) : null;
    if (refusal) return { outcome: 'not_allowed', message: refusal };

    const epoch = this.epoch;
    const check = await this.deps.auth.check(staffId, pin, 'sign_in', passphrase);
    if (check.outcome !== 'ok') return check;
    // While the PIN was checked the terminal may have been locked (OS sleep), or a sale opened.
    const lateRefusal = this.takeOverRefusal(check.staff);
    if (epoch !== this.epoch || lateRefusal)
      return { outcome: 'not_allowed', message: lateRefusal ?? 'The terminal changed while your PIN was checked. Try again.' };
    this.start(check.staff, this.state.kind === 'locked' && this.state.staffId === check.staff.id);
    return { outcome: 'signed_in', session: this.view() };
  }

  /** Begins a session for someone already proven (a correct PIN, or the first admin just created). */
  start(staff: StaffRecord, resumed = false): void {
    if (this.state.kind !== 'signed_out' && this.state.staffId !== staff.id) this.end('switch_user');
    this.epoch++;
    this.approvals.clear();
    this.state = { kind: 'signed_in', staffId: staff.id, lastActivityMs: this.deps.now().getTime() };
    this.deps.audit.record({ action: 'staff.sign_in', actorId: staff.id, ...(resumed ? { details: { resumed: true } } : {}) });
    this.deps.securityLog.record({ type: 'auth.session', staffId: staff.id, change: resumed ? 'unlocked' : 'signed_in' });
    this.changed();
  }

  private end(reason: SessionEndReason): void {
    if (this.state.kind === 'signed_out') return;
    const staffId = this.state.staffId;
    this.epoch++;
    this.state = { kind: 'signed_out' };
    this.approvals.clear();
    this.deps.audit.record({ action: 'staff.sign_out', actorId: staffId, details: { reason } });
    this.deps.securityLog.record({ type: 'auth.session', staffId, change: 'signed_out', reason });
  }

  /**
   * Ends the signed-in session. A locked session is not ended this way: it is resumed by its owner or
   * taken over by signing in, where the open-sale rule applies.
   */
  signOut(reason: SessionEndReason = 'manual'): SessionView {
    if (this.state.kind !== 'signed_in') return this.view();
    this.end(reason);
    this.changed();
    return this.view();
  }

  /** Ends whatever session a staff member holds, locked or not: they were deactivated. */
  endFor(staffId: string, reason: 'deactivated'): void {
    if (this.state.kind === 'signed_out' || this.state.staffId !== staffId) return;
    this.end(reason);
    this.changed();
  }

  lock(reason: LockReason): SessionView {
    // Even with nobody signed in: a sign-in whose PIN is being checked right now must not complete.
    this.epoch++;
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
    if (this.deps.now().getTime() - this.state.lastActivityMs >= this.autoLockMinutes * 60_000) this.lock('idle');
  }

  async grantApproval(request: { approverId: string; pin: string; channel: string; request?: unknown }): Promise<ApprovalResult> {
    const staff = this.state.kind === 'signed_in' ? this.deps.staff.get(this.state.staffId) : null;
    if (!staff) return { outcome: 'not_allowed', message: 'Sign in first.' };
    const access = this.deps.approvableAccess(request.channel);
    if (!access || access === 'public' || access === 'signed-in')
      return { outcome: 'not_allowed', message: 'That action needs no approval.' };
    if (roleHas(staff.role, access)) return { outcome: 'not_allowed', message: 'You can do this yourself.' };
    if (request.approverId === staff.id) return { outcome: 'not_allowed', message: 'Another staff member must approve.' };
    const approver = this.deps.staff.get(request.approverId);
    if (!approver || !approver.active || !roleHas(approver.role, 'approve:overrides') || !roleHas(approver.role, access)) {
      return { outcome: 'not_allowed', message: 'Only an active manager or admin can approve this.' };
    }
    // PCI DSS 8.3.6: what only an admin may do needs the admin's passphrase, which a PIN approval lacks.
    if (this.policies.pciSignIn && !roleHas('manager', access)) {
      return { outcome: 'not_allowed', message: 'Only an admin, signed in with their passphrase, can do this here.' };
    }
    const fingerprint = this.fingerprintOf(request.channel, request.request);
    if (!fingerprint) return { outcome: 'not_allowed', message: 'That request is not valid.' };
    const epoch = this.epoch;
    const check = await this.deps.auth.check(approver.id, request.pin, 'approval');
    if (check.outcome !== 'ok') return check;
    // The session may have changed while the PIN was being checked.
    if (epoch !== this.epoch || this.currentStaffId() !== staff.id)
      return { outcome: 'not_allowed', message: 'The session changed. Try again.' };
    const expiresInSeconds = this.approvals.grant({
      fingerprint,
      channel: request.channel,
      staffId: staff.id,
      approverId: approver.id,
    });
    return { outcome: 'approved', expiresInSeconds };
  }

  /**
   * The approval is bound to the request as the channel's schema reads it, so two requests that
   * parse to the same thing match, and nothing that parses differently does.
   */
  private fingerprintOf(channel: string, request: unknown): string | null {
    const parsed = this.deps.channelRequest(channel)?.safeParse(request);
    if (!parsed?.success) return null;
    try {
      return requestFingerprint(channel, parsed.data);
    } catch {
      return null;
    }
  }

  authorize(access: ChannelAccess, _sender: unknown, call: CallInfo): Authorization {
    this.tick();
    const staffId = this.currentStaffId();
    if (access === 'public') return { allowed: true, actorId: staffId };
    if (!staffId) return { allowed: false, code: 'unauthenticated', actorId: null };
    const staff = this.deps.staff.get(staffId);
    if (!staff || !staff.active) {
      this.signOut('deactivated');
      return { allowed: false, code: 'unauthenticated', actorId: staffId };
    }
    if (access === 'signed-in' || roleHas(staff.role, access)) return { allowed: true, actorId: staffId };
    return this.useApproval(staffId, call);
  }

  /** Called by a handler once the call has passed `authorize`, so the session is signed in and unlocked. */
  stepUp(permission: Permission, call: CallInfo): Authorization {
    const staffId = this.currentStaffId();
    const staff = staffId ? this.deps.staff.get(staffId) : null;
    if (!staffId || !staff) return { allowed: false, code: 'unauthenticated', actorId: staffId };
    if (roleHas(staff.role, permission)) return { allowed: true, actorId: staffId };
    return this.useApproval(staffId, call);
  }

  private useApproval(staffId: string, call: CallInfo): Authorization {
    const fingerprint = this.fingerprintOf(call.channel, call.payload);
    const approverId = fingerprint ? this.approvals.consume(staffId, call.channel, fingerprint) : null;
    if (!approverId) return { allowed: false, code: 'forbidden', actorId: staffId };
    this.deps.audit.record({ action: 'override.approved', actorId: staffId, approverId, target: call.channel });
    this.deps.securityLog.record({ type: 'auth.approval', staffId, approverId, channel: call.channel });
    return { allowed: true, actorId: staffId, approverId };
  }
}
