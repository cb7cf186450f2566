import path from 'node:path';
import { createAppCore, type AppCore } from '../../electron/main/core/app-core';
import { openTerminalStorage, type TerminalStorage } from '../../electron/main/core/terminal-storage';
import { isAppProtocolSender } from '../../electron/main/ipc/sender';
import type { SecretName } from '../../electron/main/secrets/keychain';
import { memoryKeychain } from '../support/memory-keychain';

// Shared by the register bench and its memory probe: sizes, and a real terminal core to drive.
export const PRODUCTS = Number(process.env.BENCH_REGISTER_PRODUCTS ?? 100_000);
export const mib = () => Math.round((process.memoryUsage().rss / 1048576) * 10) / 10;
const sender = { id: 'bench', url: 'app://nopos/index.html', isMainFrame: true, authenticated: true };

export interface Till {
  dir: string;
  storage: TerminalStorage;
  core: AppCore;
  keys: Partial<Record<SecretName, string>>;
  staffId: string;
  call<T>(channel: string, payload?: unknown): Promise<T>;
}

/** A real terminal core over real encrypted storage in a fresh folder, an admin signed in. */
export async function openTill(dir: string, keys: Partial<Record<SecretName, string>> = {}): Promise<Till> {
  const keychain = memoryKeychain(keys);
  const now = () => new Date();
  const storage = await openTerminalStorage({ dataDir: dir, policyFile: path.join(dir, 'no-policy.json'), keychain, now });
  const core = createAppCore({
    appInfo: { productName: 'bench', version: '0', platform: process.platform, startedAt: now() },
    now,
    storage,
    isTrustedSender: isAppProtocolSender,
  });
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    // A cashier at work: the session never idles into auto-lock while the bench sells.
    core.session.activity();
    for (;;) {
      const result = await core.registry.dispatch(channel, payload, sender);
      if (result.ok) return result.data as T;
      if (result.error.code !== 'rate_limited') throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  if (core.staff.repository.count() === 0) await call('staff.setupFirstAdmin', { name: 'Bench Admin', pin: '482913' });
  else {
    const admin = core.staff.repository.list({ includeInactive: false })[0];
    if (!admin || (await core.session.signIn(admin.id, '482913')).outcome !== 'signed_in') throw new Error('sign-in failed');
  }
  const staffId = core.session.currentStaffId();
  if (!staffId) throw new Error('not signed in');
  return { dir, storage, core, keys: Object.fromEntries(keychain.entries), staffId, call };
}
