import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeStandInElectron, STOCK_FUSE_WIRE } from '../../support/stand-in-electron';

// One real `electron-builder --dir` run of electron-builder.yml (offline: a stand-in Electron folder,
// no native rebuild), shared by every assertion below. Needs `npm run build` first (npm test does it).
const root = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };
const electronVersion = pkg.devDependencies.electron!;

let work: string;
let appDir: string;
let asarFile: string;
let entries: string[];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'nopos-pack-'));
  const electronDist = makeStandInElectron(path.join(work, 'electron-dist'), electronVersion);
  await promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-builder/cli.js'),
      '--dir',
      '--linux',
      '--x64',
      '--config',
      'electron-builder.yml',
      '--config.npmRebuild=false',
      `--config.electronDist=${electronDist}`,
      `--config.directories.output=${path.join(work, 'out')}`,
      '--publish',
      'never',
    ],
    { cwd: root, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
  );
  appDir = path.join(work, 'out', 'linux-unpacked');
  asarFile = path.join(appDir, 'resources', 'app.asar');
  entries = asar.listPackage(asarFile, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const fileIn = (entry: string) =>
  asar.statFile(asarFile, entry.replace(/^\//, '')) as { size?: number; unpacked?: boolean; files?: unknown };

describe('packaged app (electron-builder --dir, stand-in Electron)', () => {
  it('flips every configured fuse as configured, leaving none at Electron’s stock value by accident', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'nopos-terminal'));
    const configured = Object.entries(config.electronFuses);
    expect(configured).toHaveLength(Object.keys(FuseV1Options).length / 2);
    for (const [name, enabled] of configured) {
      const index = FuseV1Options[(name[0]!.toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];
      expect(index, name).toBeTypeOf('number');
      expect(String.fromCharCode(wire[index]!), name).toBe(enabled ? '1' : '0');
    }
    // Proves the wire was rewritten, not merely that the stock wire happened to match.
    const now = Object.keys(FuseV1Options).length / 2;
    const after = Array.from({ length: now }, (_, i) => String.fromCharCode(wire[i as FuseV1Options]!)).join('');
    expect(after).not.toBe(STOCK_FUSE_WIRE);
    expect(after).toBe('01001100');
  });

  it('ships the built main, preload and renderer and the runtime modules', () => {
    for (const required of [
      '/package.json',
      '/dist/main/index.cjs',
      '/dist/preload/index.cjs',
      '/dist/renderer/index.html',
      '/node_modules/electron-updater/package.json',
      '/node_modules/better-sqlite3-multiple-ciphers/lib/index.js',
    ]) {
      expect(entries, required).toContain(required);
    }
    const shipped = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8')) as { main: string };
    expect(entries).toContain(`/${shipped.main}`);
  });

  it('unpacks the native modules next to the ASAR, where Electron can load them', () => {
    for (const native of ['node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node']) {
      expect(fileIn(native).unpacked).toBe(true);
      expect(statSync(path.join(appDir, 'resources', 'app.asar.unpacked', native)).size).toBeGreaterThan(100_000);
    }
    const keyring = entries.filter((entry) => /@napi-rs\/keyring-[^/]+\/[^/]+\.node$/.test(entry));
    expect(keyring.length).toBeGreaterThan(0);
    for (const entry of keyring) expect(fileIn(entry).unpacked).toBe(true);
  });

  it('leaves out tests, sandbox, browser host, sources, source maps, secrets and native build leftovers', () => {
    const forbidden: [string, RegExp][] = [
      ['tests', /^\/(test|tests)\//],
      ['sandbox', /^\/sandbox\//],
      ['browser host', /browser-host/],
      ['app sources', /^\/(electron|renderer|shared|scripts|build)\//],
      ['source maps', /\.map$/],
      ['.env files', /\/\.env/],
      ['keys and certificates', /\.(pem|key|p12|pfx|crt|cer)$/],
      ['TypeScript sources', /\.(ts|tsx|mts|cts)$/],
      ['C/C++ sources', /\.(c|cc|cpp|h|hpp|gyp|gypi)$/],
      ['native build intermediates', /better-sqlite3-multiple-ciphers\/(deps|src|build\/Release\/obj)/],
      ['test extension', /test_extension\.node$/],
      ['bench', /^\/dist\/bench\//],
    ];
    for (const [what, pattern] of forbidden)
      expect(
        entries.filter((entry) => pattern.test(entry)),
        what,
      ).toEqual([]);
    expect(existsSync(path.join(appDir, 'resources', 'app'))).toBe(false);
  });

  it('carries no development dependency (bundled ones included)', () => {
    // A development dependency a production one needs too (semver, for electron-updater) ships, as it must:
    // the lockfile marks what only development needs.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    for (const dev of Object.keys(pkg.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true)) {
      expect(entries, dev).not.toContain(`/node_modules/${dev}`);
    }
  });

  it('has sane sizes', () => {
    expect(fileIn('dist/main/index.cjs').size).toBeGreaterThan(20_000);
    expect(fileIn('dist/preload/index.cjs').size).toBeGreaterThan(1_000);
    // Everything but the native modules: a few MB. Tens of MB would mean sources or dev modules slipped in.
    expect(statSync(asarFile).size).toBeLessThan(12 * 1024 * 1024);
    expect(statSync(asarFile).size).toBeGreaterThan(500_000);
  });

  it('records a SHA-256 integrity for every file, matching its contents', () => {
    for (const entry of ['dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'package.json']) {
      const stat = asar.statFile(asarFile, entry) as { integrity?: { algorithm: string; hash: string } };
      expect(stat.integrity?.algorithm).toBe('SHA256');
      expect(stat.integrity?.hash).toBe(createHash('sha256').update(asar.extractFile(asarFile, entry)).digest('hex'));
    }
  });

  it('writes the updater feed config for electron-updater (a placeholder overridden by policy)', () => {
    const feed = parse(readFileSync(path.join(appDir, 'resources', 'app-update.yml'), 'utf8')) as { provider: string; url: string };
    expect(feed).toMatchObject({ provider: 'generic', url: 'https://updates.invalid/nopos-terminal' });
  });
});
