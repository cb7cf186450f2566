import { createHmac, randomBytes } from 'node:crypto';
import { formatSignatureHeader, signedPayload } from '../../shared/api/signature';

/** Signs an events-feed body as documented in shared/api/signature.ts and sandbox/README.md. */
export function signBody(secret: string, body: string, unixSeconds: number): string {
  const hex = createHmac('sha256', secret).update(signedPayload(unixSeconds, body)).digest('hex');
  return formatSignatureHeader(unixSeconds, hex);
}

/** Fault modes: a signature under a secret nobody has, or a timestamp outside the tolerance. */
export function faultySignature(kind: 'bad_signature' | 'stale_timestamp', secret: string, body: string, unixSeconds: number): string {
  return kind === 'bad_signature'
    ? signBody(`whsec_${randomBytes(32).toString('base64url')}`, body, unixSeconds)
    : signBody(secret, body, unixSeconds - 600);
}
