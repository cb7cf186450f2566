import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { canWriteFolder, NSIS_UNINSTALLER, selfUpdateSupport, type SelfUpdateProbe } from '../../../electron/main/updates/self-update';

// Which installs the in-app updater may update without a person typing admin credentials at the till.
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      throw new Error('the in-app updater must not even be created here');
    },
  },
}));

const probe = (over: Partial<SelfUpdateProbe>): SelfUpdateProbe => ({
  platform: 'win32',
  env: {},
  executable: 'C:\\Program Files\\NoPOS Terminal\\NoPOS Terminal.exe',
  canWrite: () => false,
  exists: () => true,
  ...over,
});

describe('self-update support', () => {
  it('Windows: a per-machine NSIS install (Program Files, standard user) is left to IT; a per-user one updates itself', () => {
    expect(selfUpdateSupport(probe({}))).toEqual({ allowed: false, reason: 'per_machine' });
    expect(selfUpdateSupport(probe({ canWrite: () => true }))).toEqual({ allowed: true });
  });

  it('Windows: an MSI install (no NSIS uninstaller beside it) is never updated by the app', () => {
    const exists = (file: string) => !file.endsWith(NSIS_UNINSTALLER);
    expect(selfUpdateSupport(probe({ canWrite: () => true, exists }))).toEqual({ allowed: false, reason: 'msi' });
  });

  it('Linux: a deb is updated through apt, never pkexec; an AppImage only where its folder is writable', () => {
    const linux = { platform: 'linux' as const, executable: '/opt/NoPOS Terminal/nopos-terminal', canWrite: () => true };
    expect(selfUpdateSupport(probe(linux))).toEqual({ allowed: false, reason: 'deb' });
    const appImage = { ...linux, env: { APPIMAGE: '/home/till/Applications/NoPOS-Terminal.AppImage' } };
    expect(selfUpdateSupport(probe(appImage))).toEqual({ allowed: true });
    expect(selfUpdateSupport(probe({ ...appImage, canWrite: (dir) => dir !== '/home/till/Applications' }))).toEqual({
      allowed: false,
      reason: 'read_only',
    });
  });

  it('macOS: Squirrel replaces the bundle, so the bundle and /Applications must be writable by the user', () => {
    const mac = { platform: 'darwin' as const, executable: '/Applications/NoPOS Terminal.app/Contents/MacOS/NoPOS Terminal' };
    const seen: string[] = [];
    expect(selfUpdateSupport(probe({ ...mac, canWrite: (dir) => (seen.push(dir), true) }))).toEqual({ allowed: true });
    expect(seen).toEqual(['/Applications/NoPOS Terminal.app', '/Applications']);
    expect(selfUpdateSupport(probe({ ...mac, canWrite: (dir) => dir !== '/Applications' }))).toEqual({
      allowed: false,
      reason: 'read_only',
    });
  });

  it('a managed install never creates the in-app updater, and says so in the log', async () => {
    const { startUpdates } = await import('../../../electron/main/updates/electron-updates');
    const log: Record<string, unknown>[] = [];
    const updates = startUpdates({
      policy: { feedUrl: 'https://updates.example/nopos' },
      currentVersion: '1.0.0',
      installBlockers: () => [],
      log: (e) => log.push(e),
      now: () => new Date(),
      platform: 'linux',
      env: {},
      executable: '/opt/NoPOS Terminal/nopos-terminal',
      app: { releaseSingleInstanceLock: () => undefined },
    });
    expect(updates).toBeNull();
    expect(log).toEqual([{ level: 'info', event: 'update.managed_by_it', reason: 'deb' }]);
  });
});

describe('folder write check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nopos-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers for real: a writable folder yes, a missing one no, and the Windows probe leaves nothing behind', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(canWriteFolder(platform)(dir)).toBe(true);
      expect(canWriteFolder(platform)(path.join(dir, 'missing'))).toBe(false);
    }
    chmodSync(dir, 0o555);
    // root may write anywhere; everyone else is refused by a read-only folder.
    expect(canWriteFolder('linux')(dir)).toBe(process.getuid?.() === 0);
    chmodSync(dir, 0o755);
  });
});
