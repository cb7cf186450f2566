import { roleHas } from '../../../shared/domain/staff';
import type { KioskExitResult } from '../../../shared/domain/kiosk';
import type { AuditTrail } from '../audit/audit-trail';
import type { PinAuthenticator } from '../staff/pin-authenticator';

/** What the host (Electron's window) does for kiosk mode; the browser host has none. */
export interface KioskHost {
  active(): boolean;
  /** Gives the window back its chrome and lets it close, for this run only. */
  leave(): void;
}

export interface KioskExitDeps {
  host: KioskHost | undefined;
  auth: PinAuthenticator;
  audit: AuditTrail;
}

/**
 * The only way out of kiosk mode: an admin, signed in, enters their PIN again. The PIN check is the
 * one sign-in uses, with its lockout and terminal throttle, so the exit cannot be brute-forced.
 */
export class KioskExit {
  constructor(private readonly deps: KioskExitDeps) {}

  active(): boolean {
    return this.deps.host?.active() ?? false;
  }

  async exit(actorId: string | null, pin: string): Promise<KioskExitResult> {
    const host = this.deps.host;
    if (!host?.active()) return { outcome: 'not_allowed', message: 'Kiosk mode is not on.' };
    if (!actorId) return { outcome: 'not_allowed', message: 'Sign in as an admin first.' };
    const check = await this.deps.auth.check(actorId, pin, 'approval');
    if (check.outcome !== 'ok') return check;
    if (!roleHas(check.staff.role, 'manage:settings')) return { outcome: 'not_allowed', message: 'Only an admin can leave kiosk mode.' };
    this.deps.audit.record({ action: 'kiosk.exited', actorId });
    host.leave();
    return { outcome: 'exited' };
  }
}
