import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSignedFeed } from '../../../electron/main/updates/feed-signature';
import { signChannelFile, updatePublicKeyPem, updateSigningKey } from '../../../scripts/packaging/update-signing.mjs';

describe('npm run dist signs latest-linux.yml the way the terminal checks it', () => {
  it('a channel file signed with NOPOS_UPDATE_SIGNING_KEY verifies against the public key the build embeds; an edit does not', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'update-signing-'));
    try {
      const keyFile = path.join(dir, 'update-signing-key.pem');
      writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const key = updateSigningKey(keyFile);
      const yml = path.join(dir, 'latest-linux.yml');
      const text = 'version: 1.2.0\nfiles:\n  - url: nopos.deb\n    sha512: AAAA\n    size: 4\npath: nopos.deb\nsha512: AAAA\n';
      writeFileSync(yml, text);
      const signature = readFileSync(signChannelFile(yml, key), 'utf8');
      const offer = { version: '1.2.0', files: [{ url: 'nopos.deb', sha512: 'AAAA' }] };
      const publicKeyPem = updatePublicKeyPem(key);
      expect(checkSignedFeed({ yml: text, signature, publicKeyPem, offer })).toBe('ok');
      expect(checkSignedFeed({ yml: text.replace('AAAA', 'BBBB'), signature, publicKeyPem, offer })).toBe('bad_signature');
      expect(checkSignedFeed({ yml: text, signature, publicKeyPem, offer: { ...offer, version: '1.3.0' } })).toBe('not_the_signed_offer');
      expect(checkSignedFeed({ yml: text, signature, publicKeyPem: null, offer })).toBe('no_key');
      expect(() =>
        updateSigningKey(
          generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ),
      ).toThrow(/Ed25519/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
