import type { Keychain, SecretName } from '../../electron/main/secrets/keychain';

/** For unit tests only: integration tests use the real keychain (`realKeychain`). */
export function memoryKeychain(initial: Partial<Record<SecretName, string>> = {}): Keychain & { entries: Map<SecretName, string> } {
  const entries = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  return {
    entries,
    probe: async () => {},
    get: async (name) => entries.get(name) ?? null,
    set: async (name, value) => void entries.set(name, value),
    delete: async (name) => entries.delete(name),
  };
}
