import { describe, expect, it, vi } from 'vitest';
import { KeychainUnavailableError } from '../../../electron/main/secrets/keychain';

// The library as it behaves on a Linux PC with no Secret Service running: an entry not pinned to a
// store falls back, silently, to the kernel keyring, which keeps nothing across a reboot.
const kernelKeyring = new Map<string, string>();
vi.mock('@napi-rs/keyring', () => ({
  AsyncEntry: class {
    constructor(
      private readonly service: string,
      private readonly name: string,
      options?: { linux?: { store?: string } },
    ) {
      if (options?.linux?.store === 'secret-service') throw new Error('Platform failure: DBus error: no session bus');
    }
    async setPassword(value: string) {
      kernelKeyring.set(`${this.service}/${this.name}`, value);
    }
    async getPassword() {
      return kernelKeyring.get(`${this.service}/${this.name}`);
    }
    async deletePassword() {
      return kernelKeyring.delete(`${this.service}/${this.name}`);
    }
  },
}));

const { createOsKeychain } = await import('../../../electron/main/secrets/os-keychain');

describe('the OS keychain on a Linux PC without a Secret Service', () => {
  it('refuses to start rather than keep the database key in memory that a reboot wipes', async () => {
    const keychain = createOsKeychain('os-keychain-store-test', 'linux');
    await expect(keychain.probe()).rejects.toBeInstanceOf(KeychainUnavailableError);
    await expect(keychain.set('database-key', 'k'.repeat(64))).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(kernelKeyring.size).toBe(0);
  });
});
