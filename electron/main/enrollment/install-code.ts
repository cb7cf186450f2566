import { chownSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { enrollmentCodeSchema, machinePolicySchema } from '../../../shared/domain/machine-policy';

/**
 * Install-time enrollment. Installers hand the one-time code to the installed terminal
 * (`--set-enrollment-code=CODE`, see build/installer.nsh and docs/deploying.md), which puts it in the
 * machine policy file as `enrollmentCode`. At its next start the terminal exchanges it for API
 * credentials (`enrollFromPolicy`, called by enrollment/enroll-at-start.ts).
 */
export const ENROLL_FLAG = '--set-enrollment-code';

export type DeployCommand = { kind: 'set-enrollment-code'; code: string };

export function parseDeployCommand(argv: readonly string[]): DeployCommand | null {
  const index = argv.findIndex((arg) => arg === ENROLL_FLAG || arg.startsWith(`${ENROLL_FLAG}=`));
  if (index < 0) return null;
  const arg = argv[index] ?? '';
  const code = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[index + 1] ?? '');
  return { kind: 'set-enrollment-code', code: code.trim().toUpperCase() };
}

/** Owner (an administrator) writes, the terminal's group reads, nobody else. */
export const PRIVATE_POLICY_MODE = 0o640;

/**
 * The group that must read the policy: the file's own when it exists, else the group of the account
 * that ran `sudo` (the terminal's user, as docs/deploying.md says). Null off POSIX or when not root.
 */
function readerGroup(policyFile: string, env: NodeJS.ProcessEnv = process.env): number | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    return statSync(policyFile).gid;
  } catch {
    return env.SUDO_GID && /^\d+$/.test(env.SUDO_GID) ? Number(env.SUDO_GID) : null;
  }
}

export const EXIT_OK = 0;
export const EXIT_BAD_CODE = 2;
export const EXIT_BAD_POLICY = 3;

/**
 * Writes the code into the policy file (created if absent), keeping every other key. Refuses a
 * malformed code or a policy file that is already invalid; the file is replaced atomically.
 * Returns a process exit code and a message that never contains the code.
 */
export function writeEnrollmentCode(policyFile: string, code: string): { exitCode: number; message: string } {
  if (!enrollmentCodeSchema.safeParse(code).success) {
    return { exitCode: EXIT_BAD_CODE, message: 'The enrollment code is not valid: 12 letters and digits, e.g. ABCD-EFGH-JKMN.' };
  }
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(policyFile, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { exitCode: EXIT_BAD_POLICY, message: `The policy file ${policyFile} cannot be read as JSON; fix it, then enroll again.` };
    }
  }
  const next = { ...current, enrollmentCode: code };
  if (!machinePolicySchema.safeParse(next).success) {
    return { exitCode: EXIT_BAD_POLICY, message: `The policy file ${policyFile} is not valid; fix it, then enroll again.` };
  }
  try {
    mkdirSync(path.dirname(policyFile), { recursive: true });
    const tmp = path.join(path.dirname(policyFile), `.policy-${process.pid}.tmp`);
    // While it holds a code, other accounts may not read it (the terminal refuses a code they could).
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: PRIVATE_POLICY_MODE });
    const group = readerGroup(policyFile);
    if (group !== null) chownSync(tmp, 0, group);
    renameSync(tmp, policyFile);
  } catch (error) {
    return {
      exitCode: EXIT_BAD_POLICY,
      message: `The policy file ${policyFile} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); run the installer as an administrator.`,
    };
  }
  return { exitCode: EXIT_OK, message: `Enrollment code written to ${policyFile}.` };
}

export type Enroll = (code: string) => Promise<void>;
export type EnrollmentOutcome = 'no_code' | 'already_enrolled' | 'enrolled' | 'failed';

/**
 * Called at start with the code given at install time. `isEnrolled` also says yes once this code was
 * tried here (enrolled or refused), so a code left in the policy file is used once only; a failure to
 * reach NoPOS records nothing, and the next start tries again.
 */
export async function enrollFromPolicy(
  code: string | undefined,
  deps: { enroll: Enroll; isEnrolled: () => boolean; log: (entry: Record<string, unknown>) => void },
): Promise<EnrollmentOutcome> {
  if (!code) return 'no_code';
  if (deps.isEnrolled()) return 'already_enrolled';
  try {
    await deps.enroll(code);
    deps.log({ level: 'info', event: 'enrollment.done' });
    return 'enrolled';
  } catch (error) {
    deps.log({
      level: 'error',
      event: 'enrollment.failed',
      name: (error as Error)?.name ?? 'unknown',
      ...(typeof (error as { code?: unknown })?.code === 'string' ? { code: (error as { code: string }).code } : {}),
    });
    return 'failed';
  }
}
