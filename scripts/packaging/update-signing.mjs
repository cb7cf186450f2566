// The release key that signs latest-linux.yml (checked by electron/main/updates/feed-signature.ts).
// NOPOS_UPDATE_SIGNING_KEY is an Ed25519 private key in PEM, or the path of a file holding one
// (make one with `openssl genpkey -algorithm ed25519 -out update-signing-key.pem`; keep it offline).
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** @param {string} value PEM text or a path to it */
export function updateSigningKey(value) {
  const pem = value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('NOPOS_UPDATE_SIGNING_KEY must be an Ed25519 private key');
  return key;
}

/** The public half, as the app is built with it (NOPOS_UPDATE_PUBLIC_KEY). */
export function updatePublicKeyPem(privateKey) {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

/** Writes `<file>.sig`: the detached Ed25519 signature of the file's exact bytes, base64. */
export function signChannelFile(file, privateKey) {
  if (!existsSync(file)) throw new Error(`${file} is missing: nothing to sign`);
  const signature = sign(null, readFileSync(file), privateKey).toString('base64');
  writeFileSync(`${file}.sig`, `${signature}\n`);
  return `${file}.sig`;
}
