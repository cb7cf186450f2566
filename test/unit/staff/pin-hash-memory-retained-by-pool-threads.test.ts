import { createHmac, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIN_COST, PinHasher } from '../../../electron/main/staff/pin-hasher';
import { ScryptThread } from '../../../electron/main/staff/scrypt-thread';

// Regression: each scrypt hash allocates ~28 MiB, and glibc kept it in the arena of whichever libuv
// pool thread ran it, so after a few sign-ins the process held four copies (177 MiB after six
// sign-ins in the browser host). Hashes now run on one dedicated thread. Vitest runs each test file
// in a process of its own; this file hashes nothing before it measures.

const mib = () => process.memoryUsage().rss / 1048576;

describe('PIN hash memory retained by pool threads (regression)', () => {
  it('keeps at most one hash worth of memory after many hashes, several at a time', async () => {
    const hasher = new PinHasher('pepper', DEFAULT_PIN_COST);
    const before = mib();
    for (let round = 0; round < 3; round++) await Promise.all([0, 1, 2, 3].map(() => hasher.hash('482913')));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const growth = mib() - before;
    // One hash's 28 MiB plus the thread itself; four pool threads would keep over 100 MiB.
    expect(growth).toBeLessThan(60);
  });

  it('verifies hashes stored before the change (same scrypt, same parameters)', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const input = createHmac('sha256', 'pepper').update('482913', 'utf8').digest();
    const key = scryptSync(input, salt, 32, { N: 1024, r: 8, p: 1, maxmem: 256 * 1024 * 8 });
    const stored = ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    const hasher = new PinHasher('pepper', { N: 1024, r: 8, p: 1 });
    await expect(hasher.verify('482913', stored)).resolves.toBe(true);
    await expect(hasher.verify('482914', stored)).resolves.toBe(false);
  });

  it('reports a scrypt error as a rejection and keeps working afterwards', async () => {
    const thread = new ScryptThread(50);
    const salt = Buffer.alloc(16);
    await expect(thread.derive(Buffer.from('x'), salt, 32, { N: 3, r: 1, p: 1, maxmem: 1 << 20 })).rejects.toThrow();
    const key = await thread.derive(Buffer.from('x'), salt, 32, { N: 16, r: 1, p: 1, maxmem: 1 << 20 });
    expect(key.equals(scryptSync(Buffer.from('x'), salt, 32, { N: 16, r: 1, p: 1 }))).toBe(true);
  });
});
