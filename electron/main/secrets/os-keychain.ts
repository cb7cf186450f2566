import { randomBytes } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { KEYCHAIN_SERVICE, KeychainUnavailableError, secretNameSchema, type Keychain } from './keychain';

/** Only meaningful on Linux: the Secret Service or nothing, never the kernel keyring's memory. */
const PERSISTENT_STORE = { linux: { store: 'secret-service' } } as const;

/**
 * The only module that touches the keychain library (@napi-rs/keyring, the maintained
 * keytar-compatible binding), so swapping it is a one-file change. Library errors are replaced
 * by KeychainUnavailableError: their text can name the platform store but nothing else is kept.
 */
export function createOsKeychain(service = KEYCHAIN_SERVICE, platform: NodeJS.Platform = process.platform): Keychain {
  // On Linux the library silently falls back to the kernel keyring when no Secret Service answers.
  // That store is memory only: after a reboot the database key would be gone, and every sale with it.
  const entry = (name: string) => new AsyncEntry(service, name, PERSISTENT_STORE);
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch {
      throw new KeychainUnavailableError(platform);
    }
  };
  return {
    get: (name) => guard(() => entry(secretNameSchema.parse(name)).getPassword()).then((value) => value ?? null),
    set: (name, value) => guard(() => entry(secretNameSchema.parse(name)).setPassword(value)),
    delete: (name) => guard(() => entry(secretNameSchema.parse(name)).deletePassword()),
    probe: () =>
      guard(async () => {
        const probe = entry('startup-probe');
        const marker = randomBytes(16).toString('hex');
        await probe.setPassword(marker);
        const readBack = await probe.getPassword();
        await probe.deletePassword();
        if (readBack !== marker) throw new Error('read-back mismatch');
      }),
  };
}
