import { accessSync, constants, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The one-time code waits in the policy file until the terminal trades it. Another local account
 * that can read it could enroll a rogue terminal first, so a code is used only from a file other
 * accounts cannot read, and taken out of the file once NoPOS answered (when the terminal may write
 * it; an installer-owned file keeps it, and the code's one use at NoPOS is then the only guard).
 * Windows and macOS permissions are ACLs this check does not read (docs/deploying.md).
 */
export function readableByOthers(file: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return false;
  try {
    return (statSync(file).mode & 0o004) !== 0;
  } catch {
    return false;
  }
}

export type CodeRemoval = 'removed' | 'absent' | 'not_writable';

/** Removes `enrollmentCode` from the policy file, keeping every other key and the file's mode. */
export function removeEnrollmentCode(file: string): CodeRemoval {
  let policy: Record<string, unknown>;
  try {
    policy = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch {
    return 'absent';
  }
  if (!('enrollmentCode' in policy)) return 'absent';
  try {
    accessSync(file, constants.W_OK);
    accessSync(path.dirname(file), constants.W_OK);
    const { enrollmentCode: _used, ...rest } = policy;
    const tmp = path.join(path.dirname(file), `.policy-${process.pid}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(rest, null, 2)}\n`, { mode: statSync(file).mode & 0o777 });
    renameSync(tmp, file);
    return 'removed';
  } catch {
    return 'not_writable';
  }
}
