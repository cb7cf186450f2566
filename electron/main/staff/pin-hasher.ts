import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { processScryptThread, type DeriveKey } from './scrypt-thread';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * About 90 ms per hash on the 2-core reference machine (npm run bench): slow for guessing, quick at the
 * till. r = 8 makes one hash's block 32 MiB and a little more, above glibc's ceiling for its dynamic
 * mmap threshold: every hash's memory is mapped and given back when it is freed. At r = 7 (28 MiB) the
 * first free raised the threshold past the block, and from then on the process kept one block for good
 * (rss after 20 sign-ins ~106 MiB, against ~77 MiB now; see scrypt-thread.ts). Stored hashes carry their
 * own cost, so PINs hashed at r = 7 still verify.
 */
export const DEFAULT_PIN_COST: ScryptCost = { N: 32768, r: 8, p: 1 };

const KEY_LENGTH = 32;

/**
 * PINs are stored only as salted scrypt hashes of HMAC(pepper, PIN). The pepper lives in the OS
 * keychain, so a copied database alone does not allow an offline search of the small PIN space.
 * Stored form: `scrypt$N$r$p$salt$hash` (base64url), so the cost can rise later without a migration.
 */
export class PinHasher {
  constructor(
    private readonly pepper: string,
    private readonly cost: ScryptCost = DEFAULT_PIN_COST,
    /** Off libuv's pool by default: see scrypt-thread.ts for the memory that saves. */
    private readonly deriveKey: DeriveKey = processScryptThread.derive,
  ) {}

  private derive(input: Buffer, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
    return this.deriveKey(input, salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r });
  }

  private peppered(pin: string): Buffer {
    return createHmac('sha256', this.pepper).update(pin, 'utf8').digest();
  }

  async hash(pin: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.derive(this.peppered(pin), salt, this.cost);
    const { N, r, p } = this.cost;
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(pin: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
    const salt = Buffer.from(parts[4] as string, 'base64url');
    const expected = Buffer.from(parts[5] as string, 'base64url');
    // A damaged record must read as a wrong PIN (and count as one), never crash the check.
    const sane = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
    if (expected.length !== KEY_LENGTH || !sane(N, 2 ** 20) || N < 2 || (N & (N - 1)) !== 0 || !sane(r, 32) || !sane(p, 16)) return false;
    const actual = await this.derive(this.peppered(pin), salt, { N, r, p });
    return timingSafeEqual(actual, expected);
  }
}
