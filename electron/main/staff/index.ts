import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { Handlers } from '../ipc/registry';
import type { SecurityLog } from '../logging/security-log';
import type { Keychain } from '../secrets/keychain';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../storage/db';
import type { Outbox } from '../storage/outbox';
import { AdminPassphrases } from './admin-passphrases';
import { createApprovalHandlers } from './approval-handlers';
import { PassphraseChanges } from './passphrase-changes';
import { PinAuthenticator } from './pin-authenticator';
import { PinHasher, type ScryptCost } from './pin-hasher';
import { loadPinPepper } from './pin-pepper';
import { createSessionHandlers } from './session-handlers';
import { SessionService, type SessionDeps } from './session-service';
import { SignInThrottle } from './sign-in-throttle';
import { createStaffHandlers } from './staff-handlers';
import { StaffRepository } from './staff-repository';
import { StaffService } from './staff-service';

// The staff area's face: who works here (the staff directory and PIN hashes), sign-in with its
// lockout, the session and its idle lock, a manager's approval of one call, and staff management.
export type { PinAuthenticator } from './pin-authenticator';
export type { SessionService } from './session-service';
export type { StaffRepository } from './staff-repository';
export type { PinHasher, ScryptCost } from './pin-hasher';

/** The key PINs are hashed under: the pepper from the keychain, and the scrypt cost (tests lower it). */
export interface PinKey {
  pepper: string;
  cost?: ScryptCost | undefined;
}

/**
 * Loads the PIN key at start-up: the pepper is made on first run; once staff exist, a missing pepper
 * is a StartupError (staff/pin-pepper.ts), never replaced.
 */
export async function loadPinKey(keychain: Keychain, db: Db, cost?: ScryptCost): Promise<PinKey> {
  const staffExist = new StaffRepository(db, () => new Date()).count() > 0;
  return { pepper: await loadPinPepper(keychain, staffExist), cost };
}

/** Who works here: the staff repository and the PIN hasher, built from the database and the PIN key. */
export interface StaffDirectory {
  repository: StaffRepository;
  hasher: PinHasher;
}

/** The staff directory alone: what the register's records (names) and sync's staff pull use before sign-in is built. */
export function openStaffDirectory(ports: { db: Db; now: () => Date; pinKey: PinKey }): StaffDirectory {
  return { repository: new StaffRepository(ports.db, ports.now), hasher: new PinHasher(ports.pinKey.pepper, ports.pinKey.cost) };
}

/** The outbox kinds the staff area queues (shared/domain/outbox-kinds.ts): repeated failed sign-ins. */
export const STAFF_OUTBOX_KINDS = ['security_alert'] as const;

export interface StaffPorts extends Pick<SessionDeps, 'approvableAccess' | 'channelRequest' | 'openWorkOwner'> {
  db: Db;
  now: () => Date;
  /** The area's directory (openStaffDirectory), opened first: the register's records name staff from it. */
  directory: StaffDirectory;
  settings: SettingsService;
  audit: AuditTrail;
  securityLog: SecurityLog;
  outbox: Outbox;
}

export interface Staff {
  repository: StaffRepository;
  hasher: PinHasher;
  session: SessionService;
  service: StaffService;
  /** The PIN check sign-in uses, with its lockout: what kiosk exit asks for. */
  auth: PinAuthenticator;
  handlers: Pick<Handlers<NoposContract>, 'session' | 'staff' | 'approvals'>;
}

export function createStaff(ports: StaffPorts): Staff {
  const { db, now, settings, audit, securityLog } = ports;
  const { repository, hasher } = ports.directory;
  const throttle = new SignInThrottle(db, now);
  const passphrases = new AdminPassphrases(db, hasher, now);
  const auth = new PinAuthenticator({
    staff: repository,
    hasher,
    throttle,
    audit,
    securityLog,
    db,
    outbox: ports.outbox.writer(STAFF_OUTBOX_KINDS),
    now,
    // PCI sign-in mode (docs/compliance/pci-dss.md): longer lockouts, and an admin's passphrase beside the PIN.
    pciMode: () => settings.current().values.policies.pciSignIn,
    passphrases,
  });
  const session = new SessionService({
    staff: repository,
    auth,
    settings,
    audit,
    securityLog,
    now,
    approvableAccess: ports.approvableAccess,
    channelRequest: ports.channelRequest,
    ...(ports.openWorkOwner ? { openWorkOwner: ports.openWorkOwner } : {}),
  });
  const service = new StaffService({
    db,
    clearLockout: (staffId) => throttle.recordSuccess(`staff:${staffId}`),
    staff: repository,
    hasher,
    settings,
    audit,
    securityLog,
  });
  return {
    repository,
    hasher,
    session,
    service,
    auth,
    handlers: {
      session: createSessionHandlers(session),
      staff: createStaffHandlers(
        repository,
        service,
        session,
        new PassphraseChanges({ passphrases, staff: repository, audit, securityLog }),
      ),
      approvals: createApprovalHandlers(session),
    },
  };
}
