import { afterAll, describe, expect, it } from 'vitest';
import { SECRET_NAMES } from '../../electron/main/secrets/keychain';
import { realKeychain } from '../support/storage';

// Against the real Secret Service (gnome-keyring in npm test's own D-Bus session).
const keychain = realKeychain('keychain');

afterAll(async () => {
  for (const name of SECRET_NAMES) await keychain.delete(name);
});

describe('OS keychain', () => {
  it('proves itself with a probe', async () => {
    await expect(keychain.probe()).resolves.toBeUndefined();
  });

  it.each(SECRET_NAMES)('round-trips %s: set, get, replace, delete', async (name) => {
    expect(await keychain.get(name)).toBeNull();
    await keychain.set(name, 'first-värde-🔑');
    expect(await keychain.get(name)).toBe('first-värde-🔑');
    await keychain.set(name, 'second');
    expect(await keychain.get(name)).toBe('second');
    expect(await keychain.delete(name)).toBe(true);
    expect(await keychain.get(name)).toBeNull();
    expect(await keychain.delete(name)).toBe(false);
  });

  it('keeps services apart', async () => {
    const other = realKeychain('keychain-other');
    await keychain.set('api-key', 'mine');
    expect(await other.get('api-key')).toBeNull();
    await keychain.delete('api-key');
  });

  it('refuses a name outside the known secrets', async () => {
    await expect(keychain.get('../../etc/passwd' as never)).rejects.toThrow();
  });
});
