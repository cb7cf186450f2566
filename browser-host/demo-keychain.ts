import type { Keychain, SecretName } from '../electron/main/secrets/keychain';

/**
 * A throw-away keychain held in this process's memory, for the browser host on a development box
 * with no Secret Service. Nothing is written anywhere: when the process ends, the keys are gone
 * and the (encrypted) data they opened can never be read again, which is the point. The Electron
 * entry cannot reach this module (lint rule and test): an installed terminal only ever uses the OS keychain.
 */
export function createDemoKeychain(): Keychain {
  const entries = new Map<SecretName, string>();
  return {
    probe: async () => {},
    get: async (name) => entries.get(name) ?? null,
    set: async (name, value) => void entries.set(name, value),
    delete: async (name) => entries.delete(name),
  };
}
