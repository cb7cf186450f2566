import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openTerminalStorage, type TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { Keychain } from '../../electron/main/secrets/keychain';
import type { Db } from '../../electron/main/storage/db';
import type { Outbox, OutboxItem } from '../../electron/main/storage/outbox';
import { writeTransaction } from '../../electron/main/storage/transaction';
import type { ScryptCost } from '../../electron/main/staff/pin-hasher';
import { createOsKeychain } from '../../electron/main/secrets/os-keychain';
import { openStaffDirectory, type StaffDirectory } from '../../electron/main/staff';
import type { Role } from '../../shared/domain/staff';

export { memoryKeychain } from './memory-keychain';

/** The real OS keychain (gnome-keyring inside `npm test`'s D-Bus session), under a service name of the test's own. */
export function realKeychain(testName: string): Keychain {
  return createOsKeychain(`NoPOS Terminal test ${testName} ${process.pid}`);
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `nopos-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Real storage in `dir`; `policy`, when given, is written as the IT policy file first. */
export async function openTestStorage(
  keychain: Keychain,
  dir: string,
  options: { now?: () => Date; policy?: object; pinCost?: ScryptCost } = {},
): Promise<TerminalStorage> {
  const policyFile = path.join(dir, 'policy.json');
  if (options.policy) writeFileSync(policyFile, JSON.stringify(options.policy));
  return openTerminalStorage({
    dataDir: dir,
    policyFile,
    keychain,
    now: options.now ?? (() => new Date()),
    pinCost: options.pinCost ?? FAST_PIN_COST,
  });
}

/** Tests hash PINs cheaply unless they measure the real cost; the scheme is the same. */
export const FAST_PIN_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

/** The staff area's directory over a terminal's storage, as its face builds it: for tests that add staff directly. */
export function staffDirectory(storage: Pick<TerminalStorage, 'db' | 'pinKey'>): StaffDirectory {
  return openStaffDirectory({ db: storage.db, now: () => new Date(), pinKey: storage.pinKey });
}

/** Adds a staff member with a PIN directly (as an admin would), through the staff area's directory. */
export async function insertStaff(
  storage: Pick<TerminalStorage, 'db' | 'pinKey'>,
  staff: { id: string; name: string; role: Role },
  pin: string,
): Promise<void> {
  const { repository, hasher } = staffDirectory(storage);
  repository.insert({ ...staff, pinHash: await hasher.hash(pin) });
}

/**
 * Queues an item as the app does, in a transaction of its own. The kind and payload are taken as the
 * test gives them: tests queue placeholder payloads the API would refuse, to test storage, not the API.
 */
export function queueItem(storage: { db: Db; outbox: Outbox }, item: { clientId: string; kind: string; payload: unknown }): number {
  return writeTransaction(storage.db, (tx) => storage.outbox.enqueue(tx, item as OutboxItem));
}
