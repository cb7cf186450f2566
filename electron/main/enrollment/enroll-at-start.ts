import { enrollmentCodeFromArgv } from './enrollment-errors';
import type { CodeSource, EnrollmentService } from './enrollment-service';
import { enrollFromPolicy, type EnrollmentOutcome } from './install-code';

/**
 * Enrolls with a code given at install time (the command line's `--enrollment-code`, else the
 * policy's `enrollmentCode`; each tried once, never again once recorded). Settles once it is done
 * or given up; it never throws, so a terminal that cannot reach NoPOS at start still opens.
 */
export function enrollAtStart(
  enrollment: EnrollmentService,
  options: { argv: readonly string[]; policyCode: string | undefined; log: (entry: Record<string, unknown>) => void },
): Promise<EnrollmentOutcome> {
  const fromArgv = enrollmentCodeFromArgv(options.argv);
  const [code, source]: [string | undefined, CodeSource] = fromArgv ? [fromArgv, 'command_line'] : [options.policyCode, 'policy'];
  return enrollFromPolicy(code, {
    enroll: async (c) => {
      await enrollment.enroll(c, source, null);
    },
    isEnrolled: () => enrollment.isEnrolled() || (code !== undefined && enrollment.wasUsed(code)),
    log: options.log,
  });
}
