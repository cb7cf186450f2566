import { readFileSync } from 'node:fs';
import { enrollFromPolicy } from '../deploy/enrollment';
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
  const [code, source]: [string | undefined, CodeSource] = fromArgv ? [fromArgv, 'command_line'] : [options.policyCode, 'policy'];
  sync.engine.start();
  // In the background: a terminal that cannot reach NoPOS at start still opens at once. An
  // enrollment whose answer was lost goes first (same request id, so the API replays its answer).
  const resumed = sync.enrollment.resumePending().then(
    (enrollment) => enrollment && log({ level: 'info', event: 'enrollment.resumed' }),
    (error: unknown) => log({ level: 'warn', event: 'enrollment.resume_failed', code: (error as { code?: unknown })?.code ?? 'unknown' }),
  );
  void resumed.then(() => enrollFromPolicy(code, {
    enroll: async (c) => {
      await sync.enrollment.enroll(c, source, null);
    },
    isEnrolled: () => sync.enrollment.isEnrolled() || (code !== undefined && sync.enrollment.wasUsed(code)),
    log,
  })).then(() => sync.engine.start());
  return sync;
}
