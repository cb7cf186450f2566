import { readFileSync } from 'node:fs';
import type { TransportOptions } from '../api-client/https-transport';
import type { ProxyResolver } from '../api-client/proxy-agent';
import { createApiLink, enrollAtStart } from '../enrollment';
import { paymentDeclinesPort } from '../payments';
import { openStaffDirectory } from '../staff';
import type { Keychain } from '../secrets/keychain';
import { OutboxQueue } from '../storage/outbox-queue';
import { SyncState } from '../storage/sync-state';
import { createSync, type Sync, type SyncTimings } from '../sync';
import type { TerminalStorage } from './terminal-storage';

export interface TerminalSyncOptions {
  storage: TerminalStorage;
  keychain: Keychain;
  now: () => Date;
  /** Development only: the sandbox's URL instead of the policy's `apiBaseUrl`. */
  baseUrl?: string;
  /** PEM of the one CA to trust (the sandbox's); without it, Node's roots (and the OS's with `osTrustStore`). */
  caPem?: string;
  /** Inside Electron: trust the OS certificate store too (a store's private CA, a TLS inspection proxy). */
  osTrustStore?: boolean;
  /** Inside Electron: the OS's proxy for a URL (session.resolveProxy). */
  resolveProxy?: ProxyResolver;
  /** Where an admin's export of unsynced items goes. */
  exportDir: string;
  transport?: Partial<TransportOptions>;
  timings?: Partial<SyncTimings>;
  random?: () => number;
}

/**
 * Sync over the terminal's storage, wired top to bottom: the API link and enrollment first, then sync
 * with its ports into the areas it reaches (payments' declines, the catalog's and staff's repositories).
 */
export function createTerminalSync(options: TerminalSyncOptions): Sync {
  const { storage, keychain, now } = options;
  const settings = () => storage.settings.current().values;
  const state = new SyncState(storage.db, now);
  const queue = new OutboxQueue(storage.db, storage.needsAttention, now);
  const link = createApiLink({
    db: storage.db, keychain, now, settings, audit: storage.audit, state, queue, needsAttention: storage.needsAttention,
    applyStore: (store) => storage.settings.applyFromNoPOS(store),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.caPem ? { caPem: options.caPem } : {}),
    ...(options.osTrustStore ? { osTrustStore: true } : {}),
    ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
    log: (entry) => storage.appLog.write(entry),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  const sync = createSync({
    db: storage.db, now, keychain, settings, audit: storage.audit, securityLog: storage.securityLog,
    log: (entry) => storage.appLog.write(entry),
    outbox: storage.outbox, queue, state, needsAttention: storage.needsAttention,
    api: link.api, enrollment: link.enrollment, reachability: link.reachability,
    applyStore: (store) => storage.settings.applyFromNoPOS(store),
    // Pulled staff go through the staff area's own repository (stateless over the database).
    catalog: storage.catalog, staff: openStaffDirectory({ db: storage.db, now, pinKey: storage.pinKey }).repository,
    paymentDeclines: paymentDeclinesPort({ db: storage.db, audit: storage.audit, attention: storage.needsAttention }),
    exportDir: options.exportDir,
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  return {
    ...sync,
    close: () => {
      sync.close();
      link.close();
    },
  };
}

export interface StartSyncOptions extends Omit<TerminalSyncOptions, 'caPem' | 'transport' | 'timings' | 'random'> {
  argv: readonly string[];
  /** The machine policy's `enrollmentCode`, if any. */
  policyCode: string | undefined;
  /** The policy file it came from (a code others can read there is refused; a used one is removed). */
  policyFile?: string;
  /** A PEM file naming the one CA to trust (development: the sandbox's). */
  caFile?: string;
}

/** Builds sync, enrolls with a code given at install time (see enrollment/enroll-at-start.ts), and starts it. */
export function startSync(options: StartSyncOptions): Sync {
  const { caFile, argv, policyCode, policyFile, ...rest } = options;
  const sync = createTerminalSync({ ...rest, ...(caFile ? { caPem: readFileSync(caFile, 'utf8') } : {}) });
  sync.engine.start();
  const log = (entry: Record<string, unknown>) => options.storage.appLog.write(entry);
  // In the background: a terminal that cannot reach NoPOS at start still opens at once.
  void enrollAtStart(sync.enrollment, { argv, policyCode, ...(policyFile ? { policyFile } : {}), log }).then(() => sync.engine.start());
  return sync;
}
