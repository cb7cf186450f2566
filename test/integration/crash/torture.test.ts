import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { torture } from '../../torture/index';

// Issue 19.6: the published torture suite (`npm run torture`, docs/reliability.md), run short inside
// `npm test`: two terminals of one store against the sandbox with 30 % faults, killed up to 30 times (45 s at most) at
// random points, drained, then every check from the outside must hold. (`npm test` builds the sandbox.)

const root = path.resolve(import.meta.dirname, '../../..');

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'torture-terminal'], { cwd: root });
}, 120_000);

describe('npm run torture, short', () => {
  it('loses nothing, doubles nothing and charges no card twice over up to 30 kills of two terminals', async () => {
    const report = await torture({ kills: 30, terminals: 2, seed: 19, faultRate: 0.3, maxSeconds: 45 });
    expect(report.checks).toEqual(Object.fromEntries(Object.keys(report.checks as object).map((name) => [name, { ok: true }])));
    expect(Object.keys(report.checks as object)).toHaveLength(9);
    expect(report.ok).toBe(true);
    // Bounded in time: on a loaded machine fewer than the 30 kills fit in the 45 s.
    expect((report.kills as { total: number }).total).toBeGreaterThanOrEqual(10);
    // The kills fell while sales were being made, not only before the first one.
    expect(report.sales).toBeGreaterThan(10);
  }, 240_000);
});
