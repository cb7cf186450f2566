import { enrollmentCodeFromArgv } from './enrollment-errors';
import { readableByOthers, removeEnrollmentCode } from './policy-code';
import type { CodeSource, EnrollmentService } from './enrollment-service';
import { enrollFromPolicy, type EnrollmentOutcome } from './install-code';

/**
 * Enrolls with a code given at install time (the command line's `--enrollment-code`, else the
 * policy's `enrollmentCode`; each tried once, never again once recorded). Settles once it is done
 * or given up; it never throws, so a terminal that cannot reach NoPOS at start still opens.
 */
export async function enrollAtStart(
  enrollment: EnrollmentService,
  options: {
    argv: readonly string[];
    policyCode: string | undefined;
    /** The policy file it came from: a code others can read there is refused, and a used one removed. */
    policyFile?: string;
    log: (entry: Record<string, unknown>) => void;
  },
): Promise<EnrollmentOutcome> {
  const fromArgv = enrollmentCodeFromArgv(options.argv);
  const [code, source]: [string | undefined, CodeSource] = fromArgv ? [fromArgv, 'command_line'] : [privatePolicyCode(options), 'policy'];
  // An enrollment whose answer was lost goes first (same request id, so the API replays its answer).
  await enrollment.resumePending().then(
    (resumed) => resumed && options.log({ level: 'info', event: 'enrollment.resumed' }),
    (error: unknown) =>
      options.log({ level: 'warn', event: 'enrollment.resume_failed', code: (error as { code?: unknown })?.code ?? 'unknown' }),
  );
  const outcome = await enrollFromPolicy(code, {
    enroll: async (c) => {
      await enrollment.enroll(c, source, null);
    },
    isEnrolled: () => enrollment.isEnrolled() || (code !== undefined && enrollment.wasUsed(code)),
    log: options.log,
  });
  if (source === 'policy' && code !== undefined && options.policyFile && enrollment.wasUsed(code)) {
    options.log({ level: 'info', event: 'enrollment.policy_code', outcome: removeEnrollmentCode(options.policyFile) });
  }
  return outcome;
}

function privatePolicyCode(options: {
  policyCode: string | undefined;
  policyFile?: string;
  log: (entry: Record<string, unknown>) => void;
}): string | undefined {
  if (!options.policyCode || !options.policyFile || !readableByOthers(options.policyFile)) return options.policyCode;
  options.log({ level: 'error', event: 'enrollment.policy_code', outcome: 'refused_readable_by_others' });
  return undefined;
}
