export type EnrollmentErrorCode =
  | 'invalid_code'
  | 'code_already_used'
  | 'unsynced_items'
  | 'code_refused'
  | 'unreachable'
  | 'not_enrolled'
  | 'export_outdated'
  | 'in_progress'
  | 'not_saved';

const MESSAGES: Record<EnrollmentErrorCode, string> = {
  invalid_code: 'That is not an enrollment code: 12 letters and digits, e.g. ABCD-EFGH-JKMN.',
  code_already_used: 'This enrollment code was already used on this terminal. Ask the NoPOS back office for a new one.',
  unsynced_items: 'Items are still waiting to reach NoPOS. Let them sync, or export them to a file first.',
  code_refused: 'NoPOS refused this enrollment code (unknown, used or expired). Ask the back office for a new one.',
  unreachable: 'NoPOS cannot be reached right now; nothing was changed. Try again when the terminal is online.',
  not_enrolled: 'This terminal is not enrolled in a store.',
  export_outdated: 'Items changed since the last export: export them again first.',
  in_progress: 'An enrollment is already under way on this terminal. Wait for it to finish.',
  not_saved:
    'NoPOS accepted the code, but the terminal could not save the new credentials (system keychain or storage); the old ones are kept. Try again; if the code is refused, ask the back office for a new one.',
};

/** Why an enrollment step was refused; the message never holds the code or a key. */
export class EnrollmentError extends Error {
  override readonly name = 'EnrollmentError';
  constructor(readonly code: EnrollmentErrorCode) {
    super(MESSAGES[code]);
  }
}

export const ENROLLMENT_CODE_FLAG = '--enrollment-code';

/** `--enrollment-code CODE` or `--enrollment-code=CODE` on the command line; null when absent. */
export function enrollmentCodeFromArgv(argv: readonly string[]): string | null {
  const index = argv.findIndex((arg) => arg === ENROLLMENT_CODE_FLAG || arg.startsWith(`${ENROLLMENT_CODE_FLAG}=`));
  if (index < 0) return null;
  const arg = argv[index] ?? '';
  const code = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[index + 1] ?? '');
  return code.trim() || null;
}
