import { readFileSync } from 'node:fs';
import { enrollFromPolicy } from '../deploy/enrollment';
import { readableByOthers, removeEnrollmentCode } from '../enrollment/policy-code';
import type { TerminalStorage } from '../core/terminal-storage';
import { enrollmentCodeFromArgv } from '../enrollment/enrollment-errors';
import type { CodeSource } from '../enrollment/enrollment-service';
import type { Keychain } from '../secrets/keychain';
import { createSync, type Sync } from './create-sync';

export interface StartSyncOptions {
  storage: TerminalStorage;
  keychain: Keychain;
  now: () => Date;
  argv: readonly string[];
  /** The machine policy's `enrollmentCode`, if any. */
  policyCode: string | undefined;
  /** The policy file it came from: a code others can read there is refused, and a used one removed. */
  policyFile?: string;
  exportDir: string;
  baseUrl?: string;
  /** A PEM file naming the one CA to trust (development: the sandbox's). */
  caFile?: string;
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
  });
  const fromArgv = enrollmentCodeFromArgv(options.argv);
  const [code, source]: [string | undefined, CodeSource] = fromArgv ? [fromArgv, 'command_line'] : [policyCode(options, log), 'policy'];
  sync.engine.start();
  // In the background: a terminal that cannot reach NoPOS at start still opens at once.
  void enrollFromPolicy(code, {
    enroll: async (c) => {
      await sync.enrollment.enroll(c, source, null);
    },
    isEnrolled: () => sync.enrollment.isEnrolled() || (code !== undefined && sync.enrollment.wasUsed(code)),
    log,
  }).then(() => {
    if (source === 'policy' && code !== undefined && options.policyFile && sync.enrollment.wasUsed(code)) {
      log({ level: 'info', event: 'enrollment.policy_code', outcome: removeEnrollmentCode(options.policyFile) });
    }
    sync.engine.start();
  });
  return sync;
}

function policyCode(options: StartSyncOptions, log: (entry: Record<string, unknown>) => void): string | undefined {
  if (!options.policyCode || !options.policyFile || !readableByOthers(options.policyFile)) return options.policyCode;
  log({ level: 'error', event: 'enrollment.policy_code', outcome: 'refused_readable_by_others' });
  return undefined;
}
