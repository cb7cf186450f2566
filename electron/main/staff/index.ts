import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { Handlers } from '../ipc/registry';
import type { SecurityLog } from '../logging/security-log';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../storage/db';
import type { Outbox } from '../storage/outbox';
import { AdminPassphrases } from './admin-passphrases';
import { createApprovalHandlers } from './approval-handlers';
import { PinAuthenticator } from './pin-authenticator';
import type { PinHasher } from './pin-hasher';
import { createSessionHandlers } from './session-handlers';
import { SessionService, type SessionDeps } from './session-service';
import { SignInThrottle } from './sign-in-throttle';
import { createStaffHandlers } from './staff-handlers';
import type { StaffRepository } from './staff-repository';
import { StaffService } from './staff-service';

// The staff area's face: who works here (the staff directory and PIN hashes), sign-in with its
// lockout, the session and its idle lock, a manager's approval of one call, and staff management.
export type { PinAuthenticator } from './pin-authenticator';
export type { SessionService } from './session-service';
export type { StaffRepository } from './staff-repository';

/** The outbox kinds the staff area queues (shared/domain/outbox-kinds.ts): repeated failed sign-ins. */
export const STAFF_OUTBOX_KINDS = ['security_alert'] as const;

export interface StaffPorts extends Pick<SessionDeps, 'approvableAccess' | 'channelRequest' | 'openWorkOwner'> {
  db: Db;
  now: () => Date;
  repository: StaffRepository;
  hasher: PinHasher;
  settings: SettingsService;
  audit: AuditTrail;
  securityLog: SecurityLog;
  outbox: Outbox;
}

export interface Staff {
  repository: StaffRepository;
  session: SessionService;
  service: StaffService;
  /** The PIN check sign-in uses, with its lockout: what kiosk exit asks for. */
  auth: PinAuthenticator;
  handlers: Pick<Handlers<NoposContract>, 'session' | 'staff' | 'approvals'>;
}

export function createStaff(ports: StaffPorts): Staff {
  const { db, now, repository, hasher, settings, audit, securityLog } = ports;
  const throttle = new SignInThrottle(db, now);
  const auth = new PinAuthenticator({
    staff: repository, hasher, throttle, audit, securityLog, db, outbox: ports.outbox.writer(STAFF_OUTBOX_KINDS), now,
    // PCI sign-in mode (docs/compliance/pci-dss.md): longer lockouts, and an admin's passphrase beside the PIN.
    pciMode: () => settings.current().values.policies.pciSignIn,
    passphrases: new AdminPassphrases(db, hasher, now),
  });
  const session = new SessionService({
    staff: repository, auth, settings, audit, securityLog, now,
    approvableAccess: ports.approvableAccess,
    channelRequest: ports.channelRequest,
    ...(ports.openWorkOwner ? { openWorkOwner: ports.openWorkOwner } : {}),
  });
  const service = new StaffService({
    db, clearLockout: (staffId) => throttle.recordSuccess(`staff:${staffId}`), staff: repository, hasher, settings, audit, securityLog,
  });
  return {
    repository, session, service, auth,
    handlers: {
      session: createSessionHandlers(session),
      staff: createStaffHandlers(repository, service, session),
      approvals: createApprovalHandlers(session),
    },
  };
}
