import type { Keychain, SecretName } from './keychain';

/** Secrets replaced together; `rollback` puts back exactly what was there before. */
export interface SecretReplacement {
  rollback(): Promise<void>;
}

async function restore(keychain: Keychain, previous: ReadonlyMap<SecretName, string | null>): Promise<void> {
  for (const [name, value] of previous) {
    if (value === null) await keychain.delete(name);
    else await keychain.set(name, value);
  }
}

/**
 * A keychain has no transactions, and secrets that belong together (an API key and its event-signing
 * secret) must never be left half new, half old. Each entry's old value is read first; if any write
 * fails, the ones already written are put back before the error is thrown. The caller rolls back the
 * whole replacement too when its own commit (the database) fails afterwards.
 */
export async function replaceSecrets(keychain: Keychain, next: ReadonlyMap<SecretName, string>): Promise<SecretReplacement> {
  const previous = new Map<SecretName, string | null>();
  for (const name of next.keys()) previous.set(name, await keychain.get(name));
  const written = new Map<SecretName, string | null>();
  try {
    for (const [name, value] of next) {
      written.set(name, previous.get(name) ?? null);
      await keychain.set(name, value);
    }
  } catch (error) {
    await restore(keychain, written);
    throw error;
  }
  return { rollback: () => restore(keychain, previous) };
}
