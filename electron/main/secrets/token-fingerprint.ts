import { createHash } from 'node:crypto';

/** A non-secret reference to a payment token: enough to match records, useless to charge with. */
export function tokenFingerprint(token: string): string {
  return `tokfp_${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
}
