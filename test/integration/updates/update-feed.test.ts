import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DebUpdater } from 'electron-updater';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBlockers } from '../../../electron/main/updates/install-blockers';
import { UpdateService, type UpdaterPort } from '../../../electron/main/updates/update-service';
import { latestYml, loopbackCertificate, realUpdater, startFeed, type FeedFile } from '../../support/update-feed';

// Real electron-updater (its generic provider, download and sha512 check) against a real HTTPS feed
// on 127.0.0.1 serving a stand-in update. Only the transport differs from the app (see LoopbackHttpExecutor),
// and installing, which hands over to the OS installer, is recorded instead of run.
const work = mkdtempSync(path.join(tmpdir(), 'nopos-updates-'));
const tls = loopbackCertificate(path.join(work, 'tls'));
const update = randomBytes(64 * 1024);
const DEB = 'nopos-terminal_0.2.0_amd64.deb';
afterAll(() => rmSync(work, { recursive: true, force: true }));

function service(feedUrl: string, blockers: () => string[] = () => [], pinnedVersion?: string, beforeInstall?: () => void) {
  const real = realUpdater(work, tls.cert);
  const log: Record<string, unknown>[] = [];
  const updater: UpdaterPort = real.updater;
  const svc = new UpdateService({
    updater,
    ...(beforeInstall ? { beforeInstall } : {}),
    policy: { feedUrl, ...(pinnedVersion ? { pinnedVersion } : {}) },
    currentVersion: '0.1.0',
    installBlockers: blockers,
    log: (entry) => log.push(entry),
    now: () => new Date('2025-01-02T00:00:00Z'),
  });
  return { svc, log, ...real };
}

const feedFiles = (yml: string): Map<string, FeedFile> =>
  new Map([
    ['/feed/latest-linux.yml', { body: yml, contentType: 'text/yaml' }],
    ['/feed/' + DEB, { body: update }],
  ]);

describe('updates from an IT feed (real electron-updater, HTTPS on 127.0.0.1)', () => {
  let good: Awaited<ReturnType<typeof startFeed>>;
  let badSum: Awaited<ReturnType<typeof startFeed>>;
  let plain: Awaited<ReturnType<typeof startFeed>>;
  let httpFile: Awaited<ReturnType<typeof startFeed>>;
  beforeAll(async () => {
    good = await startFeed(feedFiles(latestYml('0.2.0', DEB, update)), tls);
    badSum = await startFeed(feedFiles(latestYml('0.2.0', DEB, update, { sha512: randomBytes(64).toString('base64') })), tls);
    plain = await startFeed(feedFiles(latestYml('0.2.0', DEB, update)));
    httpFile = await startFeed(feedFiles(latestYml('0.2.0', DEB, update, { url: `http://127.0.0.1:9/feed/${DEB}` })), tls);
  });
  afterAll(async () => {
    await Promise.all([good, badSum, plain, httpFile].map((feed) => feed?.close()));
  });

  it('offers, downloads, verifies and installs silently when nothing blocks', async () => {
    const { svc, installs, cacheDir } = service(`${good.url}/feed`);
    expect(await svc.check()).toEqual({ state: 'installing', version: '0.2.0' });
    expect(installs).toEqual([[true, true]]);
    expect(good.requests).toEqual(expect.arrayContaining([expect.stringMatching(/^\/feed\/latest-linux\.yml/), `/feed/${DEB}`]));
    const downloaded = readdirSync(cacheDir, { recursive: true }).map(String);
    expect(downloaded.some((name) => name.endsWith('.deb'))).toBe(true);
  });

  it('defers a downloaded update while a sale is open or items are unsynced, and installs once they clear', async () => {
    let saleOpen = true;
    let pending = 3;
    const blockers = installBlockers({ pendingSyncCount: () => pending, saleOpen: () => saleOpen });
    const { svc, installs, log } = service(`${good.url}/feed`, blockers);
    expect(await svc.check()).toEqual({ state: 'deferred', version: '0.2.0', blockers: ['a sale is open', '3 items not yet synced'] });
    saleOpen = false;
    expect(svc.tryInstall()).toEqual({ state: 'deferred', version: '0.2.0', blockers: ['3 items not yet synced'] });
    expect(installs).toEqual([]);
    pending = 0;
    expect(svc.tryInstall()).toEqual({ state: 'installing', version: '0.2.0' });
    expect(installs).toEqual([[true, true]]);
    expect(log.map((e) => e.event)).toEqual(['update.downloaded', 'update.deferred', 'update.deferred', 'update.installing']);
  });

  it('listens to the errors electron-updater reports only as an `error` event, into the app log', () => {
    // electron-updater 6.8 has one listener of its own, which only writes to its logger.
    expect(realUpdater(work, tls.cert).updater.listenerCount('error')).toBe(1);
    const { updater, log } = service(`${good.url}/feed`);
    expect(updater.listenerCount('error')).toBe(2);
    // A real updater asked to install with nothing downloaded reports it through `error` alone.
    expect(() => DebUpdater.prototype.quitAndInstall.call(updater, true, true)).not.toThrow();
    expect(log).toContainEqual({ level: 'error', event: 'update.error', code: 'unknown', name: 'Error' });
  });

  it('calls quitAndInstall once however often the timer asks, dropping the single-instance lock just before', async () => {
    const order: string[] = [];
    const s = service(
      `${good.url}/feed`,
      () => [],
      undefined,
      () => order.push('before-install'),
    );
    s.updater.quitAndInstall = () => void order.push('quitAndInstall');
    await s.svc.check();
    s.svc.tryInstall();
    s.svc.tryInstall();
    await s.svc.check();
    expect(order).toEqual(['before-install', 'quitAndInstall']);
  });

  it('an installer that fails to start leaves a clear state and is tried again at the next check, not every minute', async () => {
    const s = service(`${good.url}/feed`);
    // As NsisUpdater does: spawn(…).catch(e => this.dispatchError(e)), after quitAndInstall returned.
    s.updater.quitAndInstall = (silent, runAfter) => {
      s.installs.push([silent, runAfter]);
      setImmediate(() => s.updater.emit('error', Object.assign(new Error('spawn elevate.exe ENOENT'), { code: 'ENOENT' })));
    };
    await s.svc.check();
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.svc.status()).toEqual({ state: 'failed', reason: expect.stringMatching(/next check/) });
    expect(s.log).toContainEqual({ level: 'error', event: 'update.error', code: 'ENOENT', name: 'Error' });
    s.svc.tryInstall();
    expect(s.installs).toHaveLength(1);
    await s.svc.check();
    expect(s.installs).toHaveLength(2);
  });

  it('refuses an update whose checksum does not match, installing nothing', async () => {
    const { svc, installs, cacheDir } = service(`${badSum.url}/feed`);
    expect(await svc.check()).toEqual({ state: 'refused', offered: '0.2.0', reason: 'checksum' });
    expect(installs).toEqual([]);
    const left = (() => {
      try {
        return readdirSync(cacheDir, { recursive: true }).map(String);
      } catch {
        return [];
      }
    })();
    expect(left.filter((name) => name.endsWith('.deb'))).toEqual([]);
  });

  it('refuses a feed over http before asking it anything', async () => {
    const { svc, installs } = service(`${plain.url}/feed`);
    expect(svc.status()).toEqual({ state: 'failed', reason: expect.stringMatching(/https/) });
    expect(await svc.check()).toEqual({ state: 'failed', reason: expect.stringMatching(/https/) });
    expect(plain.requests).toEqual([]);
    expect(installs).toEqual([]);
  });

  it('refuses an https feed that points the download at http', async () => {
    const { svc, installs } = service(`${httpFile.url}/feed`);
    expect(await svc.check()).toEqual({ state: 'refused', offered: '0.2.0', reason: 'insecure_url' });
    expect(installs).toEqual([]);
    expect(httpFile.requests.filter((r) => r.includes('.deb'))).toEqual([]);
  });

  it('holds at a pinned version the feed does not offer, and is up to date when nothing newer is offered', async () => {
    const pinned = service(`${good.url}/feed`, () => [], '0.1.5');
    expect(await pinned.svc.check()).toEqual({ state: 'held', offered: '0.2.0', pinned: '0.1.5' });
    const same = service(`${good.url}/feed`, () => [], '0.2.0');
    expect((await same.svc.check()).state).toBe('installing');
    const current = await startFeed(feedFiles(latestYml('0.1.0', DEB, update)), tls);
    try {
      const { svc, installs } = service(`${current.url}/feed`);
      expect(await svc.check()).toEqual({ state: 'up_to_date', checkedAt: '2025-01-02T00:00:00.000Z' });
      expect(installs).toEqual([]);
    } finally {
      await current.close();
    }
  });
});
