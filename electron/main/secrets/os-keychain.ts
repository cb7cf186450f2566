import { randomBytes } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { KEYCHAIN_SERVICE, KeychainUnavailableError, secretNameSchema, type Keychain, type SecretName } from './keychain';

/**
 * The only module that touches the keychain library (@napi-rs/keyring, the maintained
 * keytar-compatible binding), so swapping it is a one-file change. Library errors are replaced
 * by KeychainUnavailableError: their text can name the platform store but nothing else is kept.
 */
export function createOsKeychain(service = KEYCHAIN_SERVICE, platform: NodeJS.Platform = process.platform): Keychain {
  const entry = (name: SecretName) => new AsyncEntry(service, secretNameSchema.parse(name));
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch {
      throw new KeychainUnavailableError(platform);
    }
  };
  return {
    get: (name) => guard(() => entry(name).getPassword()).then((value) => value ?? null),
    set: (name, value) => guard(() => entry(name).setPassword(value)),
    delete: (name) => guard(() => entry(name).deletePassword()),
    probe: () =>
      guard(async () => {
        const probe = new AsyncEntry(service, 'startup-probe');
        const marker = randomBytes(16).toString('hex');
        await probe.setPassword(marker);
        const readBack = await probe.getPassword();
        await probe.deletePassword();
        if (readBack !== marker) throw new Error('read-back mismatch');
      }),
  };
}
