import { z } from 'zod';
import { StartupError } from '../errors/startup-error';

/**
 * The secrets the terminal keeps, each under its own account name in the OS keychain. Nothing
 * else in the code base names a keychain entry, and none of these ever crosses to the renderer.
 */
export const SECRET_NAMES = ['api-key', 'event-signing-secret', 'database-key', 'database-key-next', 'pin-pepper'] as const;
export const secretNameSchema = z.enum(SECRET_NAMES);
export type SecretName = z.infer<typeof secretNameSchema>;

export interface Keychain {
  /** Proves the store works (write, read back, delete a probe entry); throws KeychainUnavailableError. */
  probe(): Promise<void>;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  /** Resolves true when an entry was removed, false when there was none. */
  delete(name: SecretName): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'NoPOS Terminal';

/** No usable OS keychain: the terminal stops rather than keep secrets anywhere else. */
export class KeychainUnavailableError extends StartupError {
  constructor(platform: NodeJS.Platform) {
    super('System keychain unavailable', KEYCHAIN_UNAVAILABLE_HELP[platform] ?? (KEYCHAIN_UNAVAILABLE_HELP.default as string));
  }
}

const KEYCHAIN_UNAVAILABLE_HELP: Partial<Record<NodeJS.Platform | 'default', string>> = {
  linux:
    'NoPOS Terminal cannot reach the system keychain (Secret Service over D-Bus). Install and start one, ' +
    'for example `apt-get install gnome-keyring` in a desktop session, then start the terminal again. ' +
    'The terminal never stores its secrets in a file instead.',
  darwin: 'NoPOS Terminal cannot use the macOS Keychain. Unlock the login keychain and start the terminal again.',
  win32: 'NoPOS Terminal cannot use Windows Credential Manager. Sign in to Windows as a normal user and start the terminal again.',
  default: 'NoPOS Terminal cannot reach the operating system keychain, and it never stores secrets elsewhere.',
};
