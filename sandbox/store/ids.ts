import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ENROLLMENT_CODE_ALPHABET } from '../../shared/api/enrollment';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `prefix_` and 16 random base32 characters (80 bits). */
export function newId(prefix: string): string {
  const bytes = randomBytes(16);
  return `${prefix}_${Array.from(bytes, (b) => BASE32[b & 31]).join('')}`;
}

/** 12 characters from the typeable alphabet (~59 bits), shown as XXXX-XXXX-XXXX. */
export function newEnrollmentCode(): string {
  return Array.from({ length: 12 }, () => ENROLLMENT_CODE_ALPHABET[randomInt(ENROLLMENT_CODE_ALPHABET.length)]).join('');
}

export const formatEnrollmentCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1-');

export const newApiKey = () => `sk_test_${randomBytes(24).toString('base64url')}`;
export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** API keys are stored as their SHA-256: they are 192-bit random, so a slow hash adds nothing. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const fingerprint = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
