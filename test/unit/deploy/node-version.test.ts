import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script (run by .ci/run before npm ci), without type declarations
import { checkNode, CLEAN } from '../../../scripts/check-node.mjs';

// Regression (issue 15, item 12): the README said Node 20.19+, but npm ci warns on it because
// electron, @electron/get and node-abi want 22.12+. The stated version must install cleanly.

const root = path.resolve(import.meta.dirname, '../../..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};
// npm's own range rules (a devDependency without bundled types: only these three calls are used).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(v: string, range: string): boolean;
  major(v: string): number;
  minor(v: string): number;
};
type Check = (version: string) => { ok: boolean; message: string | null };
const accepts = (CLEAN as { accepts: (v: { major: number; minor: number }) => boolean }).accepts;
const parts = (version: string) => ({ major: semver.major(version), minor: semver.minor(version) });

/** Packages npm installs here whose `engines.node` refuses `version` (what npm ci warns about). */
function refusing(version: string): string[] {
  return Object.entries(lock.packages).flatMap(([where, pkg]) => {
    const range = pkg.engines && !Array.isArray(pkg.engines) ? pkg.engines.node : undefined;
    if (!where || !range || (pkg.optional && !existsSync(path.join(root, where)))) return [];
    return semver.satisfies(version, range) ? [] : [`${where.replace(/^node_modules\//, '')} ${range}`];
  });
}

describe('the Node version', () => {
  it('the README states a version every installed package accepts, and npm ci does warn below it', () => {
    const stated = /On a fresh machine with Node (\d+\.\d+)\+/.exec(readFileSync(path.join(root, 'README.md'), 'utf8'))?.[1];
    expect(stated).toBeDefined();
    expect(refusing(`${stated}.0`)).toEqual([]);
    for (const version of ['22.13.0', '22.20.0', '24.0.0', '26.0.0']) {
      expect(accepts(parts(version)), version).toBe(true);
      expect(refusing(version), version).toEqual([]);
    }
    // Nothing is called clean that npm would warn about.
    for (const version of ['20.19.0', '22.12.0', '23.11.0', '27.0.0']) {
      expect(accepts(parts(version)), version).toBe(false);
      expect(refusing(version).length, version).toBeGreaterThan(0);
    }
  });

  it('.ci/run fails only below the Node that works, with a clear message, and notes a Node that warns', () => {
    const check = checkNode as Check;
    expect(check('v18.20.0')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Node v18\.20\.0 is too old for NoPOS Terminal: use Node 22\.13\+/) as string,
    });
    expect(check('v20.20.2')).toEqual({ ok: true, message: expect.stringContaining('npm ci warns (EBADENGINE)') as string });
    expect(check('v22.13.1')).toEqual({ ok: true, message: null });
    expect(readFileSync(path.join(root, '.ci/run'), 'utf8')).toMatch(/\nnode scripts\/check-node\.mjs\nnpm ci /);
  });
});
