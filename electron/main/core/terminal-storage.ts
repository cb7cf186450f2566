import path from 'node:path';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../../shared/domain/settings';
import { AuditTrail } from '../audit/audit-trail';
import { RotatingLog } from '../logging/rotating-log';
import { SecurityLog } from '../logging/security-log';
import type { Keychain } from '../secrets/keychain';
import { probeKeychainPatiently, type KeychainRetryOptions } from '../secrets/keychain-retry';
import { SettingsService } from '../settings/settings-service';
import { loadPolicyFile } from '../settings/policy-file';
import type { Db } from '../storage/db';
import { DiskSpace, isDiskFull } from '../storage/disk-space';
import { openEncryptedDatabase, rotateDatabaseKey } from '../storage/encrypted-database';
import { migrate } from '../storage/migrate';
import { MIGRATIONS } from '../storage/migrations';
import { NeedsAttention } from '../storage/needs-attention';
import { assertKnownOutboxKinds, Outbox } from '../storage/outbox';
import { loadPinKey, type PinKey, type ScryptCost } from '../staff';

export interface TerminalStorageOptions {
  dataDir: string;
  policyFile: string;
  keychain: Keychain;
  now: () => Date;
  /** Tests lower the PIN hash cost; the terminal uses the default. */
  pinCost?: ScryptCost;
  /** better-sqlite3's compiled module for this runtime's ABI, where it is not the default (storage/native-binding.ts). */
  nativeBinding?: string;
  /** Tests shorten the start-up keychain retry; the terminal asks for a few seconds. */
  keychainRetry?: Partial<Omit<KeychainRetryOptions, 'log'>>;
}

export interface TerminalStorage {
  db: Db;
  terminalId: string;
  audit: AuditTrail;
  settings: SettingsService;
  outbox: Outbox;
  /** Items a manager must resolve (refused by the API, declined after forwarding). */
  needsAttention: NeedsAttention;
  /** The key PINs are hashed under (the keychain's pepper); the staff area builds its hasher from it. */
  pinKey: PinKey;
  securityLog: SecurityLog;
  appLog: RotatingLog;
  /** Whether the data folder's disk is full (log lines are held in memory meanwhile); shown on screen. */
  disk: DiskSpace;
  /** Re-encrypts the database under a new key from the keychain (see docs/storage.md). */
  rotateDatabaseKey(): Promise<void>;
  close(): void;
}

export const DATABASE_FILE = 'terminal.db';

/** The logs open before settings do: until then, the policy file's value or the default. */
function logMonths(policy: SettingsPatch, settings: () => SettingsService | undefined): number {
  return (
    settings()?.current().values.policies.privacy.securityLogMonths ??
    policy.policies?.privacy?.securityLogMonths ??
    DEFAULT_SETTINGS.policies.privacy.securityLogMonths
  );
}

/**
 * Everything the terminal keeps, opened in an order that fails safe: the keychain is proven and the
 * policy validated before the database is touched, and any StartupError leaves every file as it was.
 */
export async function openTerminalStorage(options: TerminalStorageOptions): Promise<TerminalStorage> {
  // Nothing is created before the keychain answers: its retries are logged once the app log exists.
  const retries: Record<string, unknown>[] = [];
  await probeKeychainPatiently(options.keychain, {
    ...options.keychainRetry,
    log: (entry) => retries.push({ ...entry, at: options.now().toISOString() }),
  });
  const policy = loadPolicyFile(options.policyFile);
  const dbFile = path.join(options.dataDir, DATABASE_FILE);
  const db = await openEncryptedDatabase(dbFile, options.keychain, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Before migrating: a refusal leaves the file exactly as another version left it.
    assertKnownOutboxKinds(db, dbFile);
    migrate(db, MIGRATIONS, dbFile);
    const terminalId = SettingsService.ensureTerminalId(db, policy, options.now);
    const logsDir = path.join(options.dataDir, 'logs');
    const disk = new DiskSpace(options.dataDir, options.now);
    // A log line the disk refuses is held, never thrown: logging must not take the terminal down.
    const logHealth = { onWriteFailed: (error: unknown) => void (isDiskFull(error) && disk.noteFull()), onResumed: () => disk.noteRoom() };
    // Security logs are kept by age (the policy's months, PCI DSS 10.5.1), up to 1,000 files of 5 MiB.
    const ready: { settings?: SettingsService } = {};
    const kept = { keep: 1_000, keepMonths: () => logMonths(policy, () => ready.settings) };
    const appLog = new RotatingLog({ dir: logsDir, name: 'app', now: options.now, ...logHealth });
    for (const entry of retries) appLog.write(entry);
    const securityLog = new SecurityLog(
      new RotatingLog({ dir: logsDir, name: 'security', now: options.now, ...kept, ...logHealth }),
      () => terminalId,
      {
        refusals: new RotatingLog({ dir: logsDir, name: 'security-refusals', now: options.now, ...kept, ...logHealth }),
        now: options.now,
      },
    );
    const audit = new AuditTrail({ db, now: options.now, terminalId: () => terminalId });
    const pinKey = await loadPinKey(options.keychain, db, options.pinCost);
    const settings = new SettingsService(db, policy, audit, options.now);
    ready.settings = settings;
    return {
      db,
      terminalId,
      audit,
      settings,
      outbox: new Outbox(db, options.now),
      needsAttention: new NeedsAttention(db, options.now),
      pinKey,
      securityLog,
      appLog,
      disk,
      rotateDatabaseKey: () => rotateDatabaseKey(db, options.keychain),
      close: () => {
        securityLog.flush();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
