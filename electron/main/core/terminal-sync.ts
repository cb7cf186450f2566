import type { TransportOptions } from '../api-client/https-transport';
import type { ProxyResolver } from '../api-client/proxy-agent';
import { createApiLink, enrollAtStart } from '../enrollment';
import type { Keychain } from '../secrets/keychain';
import { OutboxQueue } from '../storage/outbox-queue';
import { SyncState } from '../storage/sync-state';
import { createSync, type Sync, type SyncPorts, type SyncTimings } from '../sync';
import type { TerminalStorage } from './terminal-storage';

/** How this host reaches NoPOS: options only; the core builds sync over its areas (core/app-core.ts). */
export interface TerminalSyncOptions {
  keychain: Keychain;
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

/** The areas sync reaches, built before it: the catalog's and staff's pulls, payments' declines, customers' kinds. */
export type TerminalSyncAreas = Pick<SyncPorts, 'catalog' | 'staff' | 'paymentDeclines' | 'declaredKinds'>;

/**
 * Sync over the terminal's storage, wired top to bottom: the API link and enrollment first, then sync
 * with its ports into the areas it reaches.
 */
export function createTerminalSync(
  storage: TerminalStorage,
  now: () => Date,
  options: TerminalSyncOptions,
  areas: TerminalSyncAreas,
): Sync {
  const { keychain } = options;
  const settings = () => storage.settings.current().values;
  const state = new SyncState(storage.db, now);
  const queue = new OutboxQueue(storage.db, storage.needsAttention, now);
  const link = createApiLink({
    db: storage.db,
    keychain,
    now,
    settings,
    audit: storage.audit,
    state,
    queue,
    needsAttention: storage.needsAttention,
    applyStore: (store) => storage.settings.applyFromNoPOS(store),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.caPem ? { caPem: options.caPem } : {}),
    ...(options.osTrustStore ? { osTrustStore: true } : {}),
    ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
    log: (entry) => storage.appLog.write(entry),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  const sync = createSync({
    db: storage.db,
    now,
    keychain,
    settings,
    audit: storage.audit,
    securityLog: storage.securityLog,
    log: (entry) => storage.appLog.write(entry),
    outbox: storage.outbox,
    queue,
    state,
    needsAttention: storage.needsAttention,
    api: link.api,
    enrollment: link.enrollment,
    reachability: link.reachability,
    applyStore: (store) => storage.settings.applyFromNoPOS(store),
    ...areas,
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

export interface EnrollAtStartOptions {
  argv: readonly string[];
  /** The machine policy's `enrollmentCode`, if any. */
  policyCode: string | undefined;
  /** The policy file it came from (a code others can read there is refused; a used one is removed). */
  policyFile?: string;
  log: (entry: Record<string, unknown>) => void;
}

/** Starts sync, and enrolls with a code given at install time (see enrollment/enroll-at-start.ts). */
export function startSync(sync: Sync, options: EnrollAtStartOptions): Sync {
  const { argv, policyCode, policyFile, log } = options;
  sync.engine.start();
  // In the background: a terminal that cannot reach NoPOS at start still opens at once.
  void enrollAtStart(sync.enrollment, { argv, policyCode, ...(policyFile ? { policyFile } : {}), log }).then(() => sync.engine.start());
  return sync;
}
