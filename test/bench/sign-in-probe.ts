import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppCore } from '../../electron/main/core/app-core';
import { openTerminalStorage } from '../../electron/main/core/terminal-storage';
import { isAppProtocolSender } from '../../electron/main/ipc/sender';
import { memoryKeychain } from '../support/memory-keychain';

export const SIGN_INS = 20;
const mib = () => Math.round((process.memoryUsage().rss / 1048576) * 10) / 10;

/**
 * Runs in a fresh child process (see memory-bench.ts): the real core over real encrypted storage at
 * the real PIN cost, the first-admin setup, then SIGN_INS sign-outs and sign-ins through the registry.
 */
export interface SignInProbeResult {
  rssAtStartMb: number;
  /** The instant the last sign-in answered, the PIN-hashing thread still up. */
  rssRightAfterLastSignInMb: number;
  /** What the process keeps once it is idle again (the hashing thread exits after 1 s idle). */
  rssAfterSignInsMb: number;
}

export async function signInProbe(): Promise<SignInProbeResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nopos-bench-memory-'));
  let ms = Date.parse('2026-11-29T10:00:00.000Z');
  const now = () => new Date(ms);
  try {
    const storage = await openTerminalStorage({
      dataDir: dir,
      policyFile: path.join(dir, 'no-policy.json'),
      keychain: memoryKeychain(),
      now,
    });
    const rssAtStartMb = mib();
    const core = createAppCore({
      appInfo: { productName: 'bench', version: '0', platform: process.platform, startedAt: now() },
      now,
      storage,
      isTrustedSender: isAppProtocolSender,
    });
    const sender = { id: 'bench', url: 'app://nopos/index.html', isMainFrame: true, authenticated: true };
    const call = async (channel: string, payload?: unknown) => {
      ms += 2_000; // past the PIN channels' rate limit, as a person at the till would be
      const result = await core.registry.dispatch(channel, payload, sender);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
      return result.data as Record<string, unknown>;
    };
    const session = await call('staff.setupFirstAdmin', { name: 'Ada Admin', pin: '482913' });
    const staffId = (session.staff as { id: string }).id;
    for (let i = 0; i < SIGN_INS; i++) {
      await call('session.signOut');
      const result = await call('session.signIn', { staffId, pin: '482913' });
      if (result.outcome !== 'signed_in') throw new Error(`sign-in ${i}: ${String(result.outcome)}`);
    }
    const rssRightAfterLastSignInMb = mib();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rssAfterSignInsMb = mib();
    storage.close();
    return { rssAtStartMb, rssRightAfterLastSignInMb, rssAfterSignInsMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
