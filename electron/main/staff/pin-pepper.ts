import { randomBytes } from 'node:crypto';
import { StartupError } from '../errors/startup-error';
import type { Keychain } from '../secrets/keychain';

export class PinPepperMissingError extends StartupError {
  constructor() {
    super(
      'PIN key missing',
      'Staff exist on this terminal, but the key that protects their PINs ("NoPOS Terminal / pin-pepper") is not in the system keychain. ' +
        'Nothing was changed. Restore the keychain from the backup taken with this terminal, or contact NoPOS support.',
    );
  }
}

/** The pepper is made on first run; once PINs depend on it, a missing pepper stops the terminal instead of being replaced. */
export async function loadPinPepper(keychain: Keychain, staffExist: boolean): Promise<string> {
  const existing = await keychain.get('pin-pepper');
  if (existing) return existing;
  if (staffExist) throw new PinPepperMissingError();
  const pepper = randomBytes(32).toString('hex');
  await keychain.set('pin-pepper', pepper);
  return pepper;
}
