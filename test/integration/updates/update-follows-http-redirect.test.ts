import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hardenFeed } from '../../../electron/main/updates/hardened-feed';
import { UpdateService, type UpdaterPort } from '../../../electron/main/updates/update-service';
import { latestYml, loopbackCertificate, realUpdater, startFeed, type FeedFile } from '../../support/update-feed';

// The review's attack: the https feed answers 302 to a plain-http mirror serving the attacker's
// latest-linux.yml and .deb (its sha512 matching its own file). Real electron-updater, real servers.
vi.mock('electron', () => {
  throw new Error('a refused request must never reach Electron’s net');
});

const work = mkdtempSync(path.join(tmpdir(), 'nopos-update-redirect-'));
const tls = loopbackCertificate(path.join(work, 'tls'));
const DEB = 'nopos-terminal_0.2.0_amd64.deb';
const genuine = randomBytes(32 * 1024);
const evil = randomBytes(32 * 1024);
const release = generateKeyPairSync('ed25519');
const attacker = generateKeyPairSync('ed25519');
const publicKeyPem = release.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const signed = (yml: string, key = release.privateKey) => sign(null, Buffer.from(yml), key).toString('base64');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function hardened(feedUrl: string, platform: NodeJS.Platform = 'linux') {
  const real = realUpdater(work, tls.cert);
  const log: Record<string, unknown>[] = [];
  const hardening = hardenFeed({ updater: real.updater, feedUrl, platform, publicKeyPem, log: (e) => log.push(e) });
  const svc = new UpdateService({
    updater: real.updater as unknown as UpdaterPort,
    policy: { feedUrl },
    currentVersion: '0.1.0',
    installBlockers: () => [],
    log: (e) => log.push(e),
    now: () => new Date('2025-01-02T00:00:00Z'),
    ...hardening,
  });
  return { svc, log, ...real };
}

const files = (entries: Record<string, FeedFile>) => new Map(Object.entries(entries));
type Feed = Awaited<ReturnType<typeof startFeed>>;
const feeds: Feed[] = [];
const feed = async (entries: Record<string, FeedFile>, secure = true) => {
  const started = await startFeed(files(entries), secure ? tls : undefined);
  feeds.push(started);
  return started;
};

let mirror: Feed;
let otherHttps: Feed;
const evilYml = latestYml('0.2.0', DEB, evil);
const genuineYml = latestYml('0.2.0', DEB, genuine);
beforeAll(async () => {
  mirror = await feed({ '/latest-linux.yml': { body: evilYml }, [`/${DEB}`]: { body: evil } }, false);
  otherHttps = await feed({
    '/latest-linux.yml': { body: evilYml },
    '/latest-linux.yml.sig': { body: signed(evilYml, attacker.privateKey) },
    [`/${DEB}`]: { body: evil },
  });
});
afterAll(async () => {
  await Promise.all(feeds.map((f) => f.close()));
});

describe('updates follow an https→http redirect, and Linux trusts the feed’s sha512 alone', () => {
  it('a feed answering 302 to a plain-http mirror: nothing is fetched over http, nothing installs', async () => {
    const redirecting = await feed({ '/feed/latest-linux.yml': { body: '', redirect: `${mirror.url}/latest-linux.yml` } });
    const { svc, installs, log } = hardened(`${redirecting.url}/feed`);
    expect((await svc.check()).state).toBe('failed');
    expect(mirror.requests).toEqual([]);
    expect(installs).toEqual([]);
    expect(log).toContainEqual(expect.objectContaining({ event: 'update.redirect_refused', target: mirror.url }));
  });

  it('the download redirected to http, or to another https origin, is refused before a byte is fetched', async () => {
    for (const target of [`${mirror.url}/${DEB}`, `${otherHttps.url}/${DEB}`]) {
      const source = await feed({
        '/feed/latest-linux.yml': { body: genuineYml },
        '/feed/latest-linux.yml.sig': { body: signed(genuineYml) },
        [`/feed/${DEB}`]: { body: '', redirect: target },
      });
      const { svc, installs } = hardened(`${source.url}/feed`);
      expect(await svc.check()).toEqual({ state: 'refused', offered: '0.2.0', reason: 'insecure_url' });
      expect(installs).toEqual([]);
    }
    expect([...mirror.requests, ...otherHttps.requests]).toEqual([]);
  });

  it('Linux installs only the offer the release key signed: unsigned, signed by another key, or swapped between reads is refused', async () => {
    const unsigned = await feed({ '/feed/latest-linux.yml': { body: evilYml }, [`/feed/${DEB}`]: { body: evil } });
    const otherKey = await feed({
      '/feed/latest-linux.yml': { body: evilYml },
      '/feed/latest-linux.yml.sig': { body: signed(evilYml, attacker.privateKey) },
      [`/feed/${DEB}`]: { body: evil },
    });
    // electron-updater reads the attacker's file; the check then reads the genuine signed one.
    let reads = 0;
    const swapped = await feed({
      '/feed/latest-linux.yml': { body: () => (reads++ === 0 ? evilYml : genuineYml) },
      '/feed/latest-linux.yml.sig': { body: signed(genuineYml) },
      [`/feed/${DEB}`]: { body: evil },
    });
    for (const source of [unsigned, otherKey, swapped]) {
      const { svc, installs, log } = hardened(`${source.url}/feed`);
      expect(await svc.check()).toEqual({ state: 'refused', offered: '0.2.0', reason: 'signature' });
      expect(installs).toEqual([]);
      expect(source.requests.filter((r) => r.endsWith('.deb'))).toEqual([]);
      expect(log.find((e) => e.event === 'update.refused')).toMatchObject({ reason: 'signature' });
    }
    const good = await feed({
      '/feed/latest-linux.yml': { body: genuineYml },
      '/feed/latest-linux.yml.sig': { body: signed(genuineYml) },
      [`/feed/${DEB}`]: { body: genuine },
    });
    const { svc, installs } = hardened(`${good.url}/feed`);
    expect(await svc.check()).toEqual({ state: 'installing', version: '0.2.0' });
    expect(installs).toEqual([[true, true]]);
  });

  it('Electron’s own executor refuses http and foreign origins the same way, without touching the network', async () => {
    const executor = new ElectronHttpExecutor();
    const refused: string[] = [];
    hardenFeed({
      updater: { httpExecutor: executor },
      feedUrl: 'https://updates.example.com/nopos',
      platform: 'win32',
      publicKeyPem: null,
      log: (e) => refused.push(String(e.target)),
    });
    const { CancellationToken } = await import('electron-updater');
    for (const url of [
      'http://updates.example.com/nopos/latest.yml',
      'https://mirror.example.net/latest.yml',
      'https://updates.example.com:8443/latest.yml',
    ]) {
      await expect(
        executor.downloadToBuffer(new URL(url), { cancellationToken: new CancellationToken(), headers: null } as never),
      ).rejects.toThrow(/not the https update feed/);
    }
    expect(refused).toEqual(['http://updates.example.com', 'https://mirror.example.net', 'https://updates.example.com:8443']);
  });
});
