import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTerminalStorage } from '../../../electron/main/core/terminal-storage';
import { KeychainUnavailableError, type Keychain } from '../../../electron/main/secrets/keychain';
import { FAST_PIN_COST, realKeychain, tempDir } from '../../support/storage';

// The real keychain behind a fault: its first probes fail as a busy or still-starting Secret Service
// does. The terminal opens anyway, on the real encrypted database, and its app log says it waited.

const scratch = tempDir('keychain-start');
afterAll(() => scratch.cleanup());

function busyAtFirst(real: Keychain, failures: number): Keychain {
  let left = failures;
  return {
    ...real,
    probe: async () => {
      if (left-- > 0) throw new KeychainUnavailableError('linux');
      await real.probe();
    },
  };
}

describe('a keychain that does not answer for a moment at start-up', () => {
  it('is asked again with backoff; the terminal opens and logs the retries', async () => {
    const dir = path.join(scratch.dir, 'a');
    const keychain = busyAtFirst(realKeychain('keychain-start'), 2);
    const storage = await openTerminalStorage({
      dataDir: dir,
      policyFile: path.join(dir, 'policy.json'),
      keychain,
      now: () => new Date(),
      pinCost: FAST_PIN_COST,
      keychainRetry: { baseMs: 20 },
    });
    try {
      expect(storage.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      storage.close();
    }
    const log = readFileSync(path.join(dir, 'logs', 'app.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string });
    expect(log.map((e) => e.event)).toEqual(['keychain.retry', 'keychain.retry', 'keychain.recovered']);
  });

  it('still stops the terminal when the keychain stays away, creating nothing', async () => {
    const dir = path.join(scratch.dir, 'b');
    const keychain = busyAtFirst(realKeychain('keychain-start-b'), Number.POSITIVE_INFINITY);
    await expect(
      openTerminalStorage({
        dataDir: dir,
        policyFile: path.join(dir, 'policy.json'),
        keychain,
        now: () => new Date(),
        pinCost: FAST_PIN_COST,
        keychainRetry: { baseMs: 10, retryForMs: 200 },
      }),
    ).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(existsSync(dir)).toBe(false);
  });
});
