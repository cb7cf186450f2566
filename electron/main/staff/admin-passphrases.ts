import type { Db } from '../storage/db';
import type { PinHasher } from './pin-hasher';

/** PCI DSS 8.3.6: at least 12 characters, letters and digits both. */
export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length < 12) return 'An admin passphrase has at least 12 characters.';
  if (!/\p{L}/u.test(passphrase) || !/\d/.test(passphrase)) return 'An admin passphrase has both letters and digits.';
  return null;
}

/**
 * The second secret admins give in PCI sign-in mode, where a PIN alone is too short. Hashed as PINs
 * are (peppered scrypt, `pin-hasher.ts`), never stored or logged in clear.
 */
export class AdminPassphrases {
  constructor(
    private readonly db: Db,
    private readonly hasher: PinHasher,
    private readonly now: () => Date,
  ) {}

  has(staffId: string): boolean {
    return this.db.prepare('SELECT 1 FROM staff_passphrases WHERE staff_id = ?').get(staffId) !== undefined;
  }

  async verify(staffId: string, passphrase: string): Promise<boolean> {
    const row = this.db.prepare('SELECT hash FROM staff_passphrases WHERE staff_id = ?').get(staffId) as { hash: string } | undefined;
    return row ? this.hasher.verify(passphrase, row.hash) : false;
  }

  async set(staffId: string, passphrase: string): Promise<void> {
    const hash = await this.hasher.hash(passphrase);
    this.db
      .prepare(
        'INSERT INTO staff_passphrases (staff_id, hash, set_at) VALUES (?, ?, ?) ON CONFLICT (staff_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at',
      )
      .run(staffId, hash, this.now().toISOString());
  }

  /** Cleared by another admin: the admin sets a new one at their next PCI sign-in (PIN first). */
  clear(staffId: string): boolean {
    return this.db.prepare('DELETE FROM staff_passphrases WHERE staff_id = ?').run(staffId).changes > 0;
  }
}
