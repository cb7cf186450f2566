import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseSignatureHeader, signedPayload, SIGNATURE_TOLERANCE_SECONDS } from '../../../shared/api/signature';

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch' };

/**
 * Equal in constant time for equal lengths; for different lengths it still does the same work
 * (comparing the expected value with itself) and says no, instead of throwing as timingSafeEqual does.
 */
export function constantTimeEqual(given: Buffer, expected: Buffer): boolean {
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}

/**
 * Checks an events-feed response before anything in it is parsed or applied: HMAC-SHA256 under the
 * event-signing secret over `${t}.${body}`, `t` within five minutes of our clock either way. Never throws.
 */
export function verifyEventsSignature(header: string | null | undefined, body: string, secret: string, nowMs: number): SignatureVerdict {
  if (!header) return { ok: false, reason: 'missing' };
  const parsed = parseSignatureHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const skew = Math.floor(nowMs / 1000) - parsed.timestamp;
  if (skew > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  if (skew < -SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'future' };
  const expected = createHmac('sha256', secret).update(signedPayload(parsed.timestamp, body)).digest();
  // Every candidate is compared (no early exit), so the time taken says nothing about which matched.
  let match = false;
  for (const candidate of parsed.signatures) match = constantTimeEqual(Buffer.from(candidate, 'hex'), expected) || match;
  return match ? { ok: true } : { ok: false, reason: 'mismatch' };
}
