import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/storage';

// The dependency checks `npm test` runs, run here as `npm test` runs them: offline (npm is told so),
// against the real tree, and against lockfiles broken the ways the policy exists to catch.

const ROOT = path.resolve(import.meta.dirname, '../..');
const scratch = tempDir('dependency-hygiene');
afterAll(() => scratch.cleanup());
const node = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_offline: 'true' },
  });
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; resolved?: string; integrity?: string }>;
};

describe('dependency hygiene', () => {
  it('writes a CycloneDX SBOM of exactly the shipped (production) dependencies, at their locked versions', () => {
    const out = path.join(scratch.dir, 'sbom.cdx.json');
    const result = node('sbom.mjs', out);
    expect(result.status, result.stderr).toBe(0);
    const bom = JSON.parse(readFileSync(out, 'utf8')) as {
      bomFormat: string;
      specVersion: string;
      metadata: { component: { name: string } };
      components: { name: string; version: string; purl: string; group?: string }[];
    };
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { component: { name: 'nopos-terminal' } } });
    const inBom = new Map(bom.components.map((c) => [c.group ? `${c.group}/${c.name}` : c.name, c.version]));
    const shipped = Object.entries(lock.packages).filter(
      ([where, e]) => where.startsWith('node_modules/') && !e.dev && !where.includes('/node_modules/', 13),
    );
    for (const [where, entry] of shipped) {
      const name = where.slice('node_modules/'.length);
      if (inBom.has(name)) expect(inBom.get(name), name).toBe(entry.version);
    }
    for (const direct of ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'electron-updater'])
      expect(inBom.get(direct), direct).toBe(lock.packages[`node_modules/${direct}`]?.version);
    for (const devOnly of ['vitest', 'electron', 'typescript', 'playwright-core', '@cyclonedx/cyclonedx-npm'])
      expect(inBom.has(devOnly), devOnly).toBe(false);
    expect(bom.components.every((c) => c.purl.startsWith('pkg:npm/'))).toBe(true);
  }, 60_000);

  it('passes the lockfile and license policy on the tree as it is', () => {
    const result = node('check-dependencies.mjs');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Dependency policy: \d+ locked packages from registry\.npmjs\.org over https with integrity; licenses allowed\.$/m,
    );
  }, 60_000);

  it.each([
    [
      'a package from another host',
      (p: typeof lock.packages) => (p['node_modules/zod']!.resolved = 'https://evil.example.com/zod/-/zod-4.6.7.tgz'),
      /lockfile-lint/,
    ],
    [
      'a package over plain http',
      (p: typeof lock.packages) => (p['node_modules/zod']!.resolved = 'http://registry.npmjs.org/zod/-/zod-4.6.7.tgz'),
      /lockfile-lint/,
    ],
    [
      'a package without its integrity hash',
      (p: typeof lock.packages) => delete p['node_modules/zod']!.integrity,
      /node_modules\/zod: no sha512 integrity hash/,
    ],
    [
      'a package from git',
      (p: typeof lock.packages) => (p['node_modules/zod']!.version = 'git+https://github.com/colinhacks/zod.git#abc'),
      /node_modules\/zod: not a registry version/,
    ],
  ])('refuses %s', (_what, tamper, message) => {
    const copy = structuredClone(lock);
    tamper(copy.packages);
    const file = path.join(scratch.dir, `lock-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(copy));
    const result = node('check-dependencies.mjs', '--lockfile', file, '--no-licenses');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  /** A project whose one dependency carries `license`, shipped or only for the build. */
  function projectWith(license: string, dev: boolean): string {
    const dir = path.join(scratch.dir, `tree-${Math.random().toString(36).slice(2)}`);
    mkdirSync(path.join(dir, 'node_modules', 'some-lib'), { recursive: true });
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({
        name: 'tree',
        version: '1.0.0',
        private: true,
        [dev ? 'devDependencies' : 'dependencies']: { 'some-lib': '1.0.0' },
      }),
    );
    writeFileSync(
      path.join(dir, 'node_modules', 'some-lib', 'package.json'),
      JSON.stringify({ name: 'some-lib', version: '1.0.0', license }),
    );
    return dir;
  }

  it.each([
    ['a shipped package under a license outside the allow-list', 'MPL-2.0', false, /licenses \(shipped\)[^]*MPL-2\.0/],
    ['a build tool under a refused license', 'GPL-3.0', true, /licenses \(all\)[^]*GPL-3\.0/],
  ])(
    'refuses %s',
    (_what, license, dev, message) => {
      const result = node('check-dependencies.mjs', '--tree', projectWith(license, dev));
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
    },
    60_000,
  );

  it('passes a tree whose shipped package carries an allowed license', () => {
    const result = node('check-dependencies.mjs', '--tree', projectWith('MIT', false));
    expect(result.status, result.stdout + result.stderr).toBe(0);
  }, 60_000);
});
