import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError, type Keychain } from '../../../electron/main/secrets/keychain';
import { probeKeychainPatiently } from '../../../electron/main/secrets/keychain-retry';
import { memoryKeychain } from '../../support/memory-keychain';

/** A keychain whose probe fails `failures` times before it answers; time is simulated. */
function flaky(failures: number): { keychain: Keychain; probes: () => number } {
  let probes = 0;
  const keychain = {
    ...memoryKeychain(),
    probe: async () => {
      probes++;
      if (probes <= failures) throw new KeychainUnavailableError('linux');
    },
  };
  return { keychain, probes: () => probes };
}

function clock() {
  let ms = 0;
  const waits: number[] = [];
  return { nowMs: () => ms, sleep: async (wait: number) => void (waits.push(wait), (ms += wait)), waits };
}

describe('probing the keychain at start-up', () => {
  it('asks again with growing waits while it does not answer, logs each retry, and goes on once it does', async () => {
    const { keychain, probes } = flaky(3);
    const time = clock();
    const log: Record<string, unknown>[] = [];
    await probeKeychainPatiently(keychain, { ...time, log: (e) => log.push(e) });
    expect(probes()).toBe(4);
    expect(time.waits).toEqual([250, 500, 1000]);
    expect(log.map((e) => e.event)).toEqual(['keychain.retry', 'keychain.retry', 'keychain.retry', 'keychain.recovered']);
    expect(log[0]).toMatchObject({ level: 'warn', attempt: 1, waitMs: 250, error: 'KeychainUnavailableError' });
  });

  it('gives up with the keychain error after its few seconds, and says so in the log', async () => {
    const { keychain, probes } = flaky(Number.POSITIVE_INFINITY);
    const time = clock();
    const log: Record<string, unknown>[] = [];
    await expect(probeKeychainPatiently(keychain, { ...time, log: (e) => log.push(e) })).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(time.waits).toEqual([250, 500, 1000, 2000]);
    expect(log.at(-1)).toMatchObject({ level: 'error', event: 'keychain.unavailable', attempts: probes() });
  });

  it('asks once when the keychain answers at once, and logs nothing', async () => {
    const { keychain, probes } = flaky(0);
    const log: unknown[] = [];
    await probeKeychainPatiently(keychain, { ...clock(), log: (e) => log.push(e) });
    expect(probes()).toBe(1);
    expect(log).toEqual([]);
  });
});
