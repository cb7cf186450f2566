import { createPublicKey, verify } from 'node:crypto';
import type { SignedOffer } from './update-service';

/**
 * Linux updates (deb, AppImage) carry no code signature the OS checks, and the feed's sha512 is only
 * as good as the feed. The release's `latest-linux.yml` is signed (Ed25519, detached, base64 in
 * `latest-linux.yml.sig`) by `npm run dist` with the release key, whose public half is built into the
 * app. Before anything is downloaded the signed file is fetched and checked, and the offer
 * electron-updater parsed must be the signed one: its version, and every file's sha512, which
 * electron-updater then enforces on the download.
 */
export const LINUX_CHANNEL_FILE = 'latest-linux.yml';

export type SignatureVerdict = 'ok' | 'no_key' | 'no_signature' | 'bad_signature' | 'not_the_signed_offer';

export function checkSignedFeed(input: {
  yml: string;
  signature: string | null;
  publicKeyPem: string | null;
  offer: SignedOffer;
}): SignatureVerdict {
  if (!input.publicKeyPem) return 'no_key';
  if (!input.signature) return 'no_signature';
  let valid = false;
  try {
    const key = createPublicKey(input.publicKeyPem);
    valid =
      key.asymmetricKeyType === 'ed25519' &&
      verify(null, Buffer.from(input.yml, 'utf8'), key, Buffer.from(input.signature.trim(), 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return 'bad_signature';
  const version = /^version:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(input.yml)?.[1];
  const sums = new Set([...input.yml.matchAll(/^\s*(?:-\s+)?sha512:\s*['"]?([A-Za-z0-9+/=]+)['"]?\s*$/gm)].map((m) => m[1]));
  const signed =
    version === input.offer.version && input.offer.files.length > 0 && input.offer.files.every((file) => sums.has(file.sha512));
  return signed ? 'ok' : 'not_the_signed_offer';
}

/** Fetches the channel file and its signature from the feed (through the guarded executor) and checks the offer. */
export function signedFeedCheck(deps: { feedUrl: string; publicKeyPem: string | null; fetchText: (url: URL) => Promise<string | null> }) {
  const base = deps.feedUrl.replace(/\/?$/, '/');
  return async (offer: SignedOffer): Promise<SignatureVerdict> => {
    if (!deps.publicKeyPem) return 'no_key';
    const yml = await deps.fetchText(new URL(LINUX_CHANNEL_FILE, base));
    const signature = await deps.fetchText(new URL(`${LINUX_CHANNEL_FILE}.sig`, base)).catch(() => null);
    if (yml === null) return 'not_the_signed_offer';
    return checkSignedFeed({ yml, signature, publicKeyPem: deps.publicKeyPem, offer });
  };
}
