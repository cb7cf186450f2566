import { readFileSync } from 'node:fs';
import { enrollFromPolicy } from '../deploy/enrollment';
import type { TerminalStorage } from '../core/terminal-storage';
import { enrollmentCodeFromArgv } from '../enrollment/enrollment-errors';
import type { CodeSource } from '../enrollment/enrollment-service';
import type { ProxyResolver } from '../api-client/proxy-agent';
import type { Keychain } from '../secrets/keychain';
import { createSync, type Sync } from './create-sync';

export interface StartSyncOptions {
  storage: TerminalStorage;
  keychain: Keychain;
  now: () => Date;
  argv: readonly string[];
  /** The machine policy's `enrollmentCode`, if any. */
  policyCode: string | undefined;
  exportDir: string;
  baseUrl?: string;
  /** A PEM file naming the one CA to trust (development: the sandbox's). */
  caFile?: string;
  /** Electron: the OS certificate store is trusted too (see trust-store.ts). */
  osTrustStore?: boolean;
  /** Electron: the OS's proxy settings (session.resolveProxy). */
  resolveProxy?: ProxyResolver;
}

/**
 * Builds sync, enrolls with a code given at install time (the command line's `--enrollment-code`,
 * else the policy's `enrollmentCode`; each tried once, never again once recorded), and starts it.
 */
export function startSync(options: StartSyncOptions): Sync {
  const { storage } = options;
  const log = (entry: Record<string, unknown>) => storage.appLog.write(entry);
  const sync = createSync({
    storage, keychain: options.keychain, now: options.now, exportDir: options.exportDir,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.caFile ? { caPem: readFileSync(options.caFile, 'utf8') } : {}),
    ...(options.osTrustStore ? { osTrustStore: true } : {}),
    ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
  });
  const fromArgv = enrollmentCodeFromArgv(options.argv);
  const [code, source]: [string | undefined, CodeSource] = fromArgv ? [fromArgv, 'command_line'] : [options.policyCode, 'policy'];
  sync.engine.start();
  // In the background: a terminal that cannot reach NoPOS at start still opens at once.
  void enrollFromPolicy(code, {
    enroll: async (c) => {
      await sync.enrollment.enroll(c, source, null);
    },
    isEnrolled: () => sync.enrollment.isEnrolled() || (code !== undefined && sync.enrollment.wasUsed(code)),
    log,
  }).then(() => sync.engine.start());
  return sync;
}
