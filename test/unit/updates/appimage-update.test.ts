import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { UpdaterPort } from '../../../electron/main/updates/update-service';

// An AppImage updates by replacing its file and starting the new one while the old one quits: the old one
// must let go of the single-instance lock first, or the new one sees it held and quits at once.
// electron-updater's autoUpdater is a recording fake with its types (UpdaterPort); the rest is real.
const order = vi.hoisted(() => [] as string[]);
const updater = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeAppImageUpdater extends Emitter {
    autoDownload = true;
    autoInstallOnAppQuit = true;
    allowDowngrade = false;
    allowPrerelease = false;
    logger: unknown = null;
    setFeedURL(): void {}
    checkForUpdates() {
      const info = {
        version: '2.0.0',
        files: [{ url: 'NoPOS-Terminal-2.0.0.AppImage', sha512: 'x' }],
        path: 'NoPOS-Terminal-2.0.0.AppImage',
        sha512: 'x',
        releaseDate: '2030-01-01',
      };
      return Promise.resolve({ isUpdateAvailable: true, updateInfo: info, versionInfo: info });
    }
    downloadUpdate() {
      return Promise.resolve(['/home/till/.cache/nopos/NoPOS-Terminal-2.0.0.AppImage']);
    }
    quitAndInstall(): void {
      order.push('quitAndInstall');
    }
  }
  return new FakeAppImageUpdater();
});
vi.mock('electron-updater', () => ({ default: { autoUpdater: updater } }));
// The feed's own hardening (https-only redirects, the Linux signature) has its tests in
// test/integration/updates/update-follows-http-redirect.test.ts; here it lets this fake's offer through.
vi.mock('../../../electron/main/updates/hardened-feed', () => ({ hardenFeed: () => ({}) }));

const folder = mkdtempSync(path.join(tmpdir(), 'nopos-appimage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('AppImage update', () => {
  it('drops the single-instance lock just before quitAndInstall, when APPIMAGE is set', async () => {
    const port: UpdaterPort = updater;
    expect(port).toBeInstanceOf(EventEmitter);
    const { startUpdates } = await import('../../../electron/main/updates/electron-updates');
    const updates = startUpdates({
      policy: { feedUrl: 'https://updates.example/nopos' },
      currentVersion: '1.0.0',
      installBlockers: () => [],
      log: () => undefined,
      now: () => new Date(),
      platform: 'linux',
      env: { APPIMAGE: path.join(folder, 'NoPOS-Terminal.AppImage') },
      executable: '/tmp/.mount_NoPOSx/nopos-terminal',
      app: { releaseSingleInstanceLock: () => void order.push('releaseSingleInstanceLock') },
    });
    expect(updates).not.toBeNull();
    expect(await updates!.service.check()).toEqual({ state: 'installing', version: '2.0.0' });
    expect(order).toEqual(['releaseSingleInstanceLock', 'quitAndInstall']);
    updates!.stop();
  });
});
