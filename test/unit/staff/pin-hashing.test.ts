import { describe, expect, it, vi } from 'vitest';

// Spy on the comparison the verifier must use, keeping the real implementation.
const compare = vi.hoisted(() => ({ calls: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compare.calls++;
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { DEFAULT_PIN_COST, PinHasher } = await import('../../../electron/main/staff/pin-hasher');
const { checkNewPin } = await import('../../../electron/main/staff/pin-rules');

const FAST = { N: 1024, r: 8, p: 1 };

describe('PIN hashing', () => {
  it('stores scrypt with its cost, a fresh salt per hash, and never the PIN', async () => {
    const hasher = new PinHasher('pepper-a', FAST);
    const [first, second] = [await hasher.hash('482913'), await hasher.hash('482913')];
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('482913');
  });

  it('verifies the right PIN and refuses a wrong one, comparing in constant time', async () => {
    const hasher = new PinHasher('pepper-a', FAST);
    const stored = await hasher.hash('482913');
    compare.calls = 0;
    await expect(hasher.verify('482913', stored)).resolves.toBe(true);
    await expect(hasher.verify('482914', stored)).resolves.toBe(false);
    expect(compare.calls).toBe(2);
  });

  it('depends on the pepper: the same PIN and hash fail under another pepper', async () => {
    const stored = await new PinHasher('pepper-a', FAST).hash('482913');
    await expect(new PinHasher('pepper-b', FAST).verify('482913', stored)).resolves.toBe(false);
  });

  it('refuses malformed stored hashes without throwing', async () => {
    const hasher = new PinHasher('pepper-a', FAST);
    for (const stored of ['', 'plain', 'scrypt$1024$8$1$c2FsdA$c2hvcnQ', 'bcrypt$x$y$z$a$b', 'scrypt$x$8$1$c2FsdA$' + 'A'.repeat(43)]) {
      await expect(hasher.verify('482913', stored)).resolves.toBe(false);
    }
  });

  it('uses a cost in the 50–100 ms class by default (measured in npm run bench)', () => {
    expect(DEFAULT_PIN_COST).toEqual({ N: 32768, r: 8, p: 1 });
  });
});

describe('choosing a PIN', () => {
  const never = async () => false;

  it.each(['000000', '111111', '999999', '123456', '654321', '234567', '890123', '210987', '0123', '98765432'])(
    'refuses the trivial PIN %s',
    async (pin) => {
      expect(await checkNewPin(pin, pin.length, never)).toMatch(/repeated|sequence/);
    },
  );

  it.each(['482913', '135790', '112233', '121212', '908172'])('accepts %s', async (pin) => {
    expect(await checkNewPin(pin, 6, never)).toBeNull();
  });

  it('requires the policy length and digits only', async () => {
    expect(await checkNewPin('48291', 6, never)).toBe('length');
    expect(await checkNewPin('4829135', 6, never)).toBe('length');
    expect(await checkNewPin('48a913', 6, never)).toBe('digits');
    expect(await checkNewPin('4829', 4, never)).toBeNull();
  });

  it("refuses the staff member's previous PIN", async () => {
    expect(await checkNewPin('482913', 6, async (pin) => pin === '482913')).toBe('previous');
  });
});
