/**
 * The events feed's signature header, e.g. `NoPOS-Signature: t=1767225600,v1=5f2b…`:
 * `t` is the signing time in unix seconds and `v1` the lower-case hex HMAC-SHA256 of the string
 * `${t}.${raw response body}` under the terminal's event-signing secret (the whole secret string,
 * UTF-8, as enrollment returned it). Verifiers compare in constant time and refuse a `t` more than
 * SIGNATURE_TOLERANCE_SECONDS from their clock either way. Pure parsing here; the HMAC lives with
 * whoever signs or verifies (shared/ has no crypto).
 */
export const SIGNATURE_HEADER = 'nopos-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

export function signedPayload(timestamp: number, body: string): string {
  return `${timestamp}.${body}`;
}

export function formatSignatureHeader(timestamp: number, hexSignature: string): string {
  return `t=${timestamp},v1=${hexSignature}`;
}

/** Null when the header is malformed; several `v1` values may appear while a secret rotates. */
export function parseSignatureHeader(header: string | undefined | null): ParsedSignature | null {
  if (!header || header.length > 1000) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, extra] = part.trim().split('=');
    if (extra !== undefined || !value) return null;
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}
