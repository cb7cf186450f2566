import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/browser';
import { buildNodeScript } from '../../support/build-node-script';
import { tempDir } from '../../support/storage';

// Issue 19.3: the terminal's data folder on a real, small file system of its own (a 16 MB tmpfs
// mounted in a private user and mount namespace, so no root and nothing left mounted), filled to
// the last byte. The terminal must keep answering: sales refused with "The disk is full", logging
// held in memory, the state on screen; then carry on by itself once space returns. A second
// process started on the still-full disk must come up too. Integrity and the audit chain are
// checked at the end.

const scratch = tempDir('disk-full');
const mountPoint = path.join(scratch.dir, 'mnt');
const service = `NoPOS Terminal test disk-full ${process.pid}`;
let script: string;

beforeAll(async () => {
  script = await buildNodeScript(
    'test/integration/crash/disk-full-terminal.ts',
    path.join(ROOT, 'test-results', `disk-full-child-${process.pid}`),
  );
  mkdirSync(mountPoint, { recursive: true });
}, 60_000);
afterAll(() => {
  scratch.cleanup();
  if (script) rmSync(path.dirname(script), { recursive: true, force: true });
});

type Answer = Record<string, unknown>;

/** The shell in the namespace runs the terminal twice, one after the other, on the same tmpfs. */
function startTerminals(): {
  child: ChildProcessWithoutNullStreams;
  next: () => Promise<Answer>;
  send: (command: string) => Promise<Answer>;
  stderr: () => string;
} {
  const run = `node "$1" "$0/data" "$2" st_disktester00`;
  const child = spawn(
    'unshare',
    ['-rm', 'sh', '-c', `mount -t tmpfs -o size=16m tmpfs "$0" && ${run} && ${run}`, mountPoint, script, service],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Answer> => {
    const line = await lines.next();
    if (line.done) throw new Error(`the terminal ended: ${err.slice(0, 3000)}`);
    return JSON.parse(line.value) as Answer;
  };
  return {
    child,
    next,
    stderr: () => err,
    send: (command) => {
      child.stdin.write(`${command}\n`);
      return next();
    },
  };
}

const DISK_FULL = { sell: false, error: { code: 'unavailable', message: expect.stringContaining('The disk is full') } };

describe('a full disk', () => {
  it('refuses sales with "The disk is full" and never crashes, says so on screen, carries on once there is room, and starts on a still-full disk', async () => {
    const t = startTerminals();
    try {
      expect(await t.next()).toEqual({ ready: true });
      for (let i = 0; i < 3; i++) expect(await t.send('sell')).toEqual({ sell: true, status: 'completed' });
      expect((await t.send('fill')).filled).toBeGreaterThan(1_000_000);

      // The WAL may still hold room for a sale or two; then every sale is refused, typed, and the process lives on.
      let refused = 0;
      for (let i = 0; i < 40 && refused < 5; i++) {
        const answer = await t.send('sell');
        if (answer.sell === false) {
          expect(answer).toEqual(DISK_FULL);
          refused++;
        }
      }
      expect(refused).toBe(5);
      expect(await t.send('status')).toEqual({ disk: { full: true, since: expect.any(String) } });

      // Space returns: sales go through again, and the screen clears by itself.
      expect(await t.send('free')).toEqual({ freed: true });
      expect(await t.send('sell')).toEqual({ sell: true, status: 'completed' });
      let disk: unknown;
      for (let i = 0; i < 30; i++) {
        disk = (await t.send('status')).disk;
        if ((disk as { full: boolean }).full === false) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(disk).toEqual({ full: false, since: null });

      // Full again, and the terminal restarted on the still-full disk: it comes up and answers.
      await t.send('fill');
      expect(await t.send('exit')).toEqual({ bye: true });
      expect(await t.next()).toEqual({ ready: true });
      let refusedAfterRestart = 0;
      for (let i = 0; i < 40 && refusedAfterRestart < 3; i++) {
        const answer = await t.send('sell');
        if (answer.sell === false) {
          expect(answer).toEqual(DISK_FULL);
          refusedAfterRestart++;
        }
      }
      expect(refusedAfterRestart).toBe(3);
      expect(await t.send('free')).toEqual({ freed: true });
      expect(await t.send('sell')).toEqual({ sell: true, status: 'completed' });

      // Nothing was corrupted, nothing half-written, and the audit chain holds.
      const check = await t.send('check');
      expect(check).toMatchObject({ integrity: 'ok', audit: true, withoutOutbox: 0, gapless: true });
      expect(check.completed).toBeGreaterThanOrEqual(5);
      expect(await t.send('exit')).toEqual({ bye: true });
      expect(await new Promise((resolve) => t.child.on('exit', resolve))).toBe(0);
    } finally {
      t.child.kill('SIGKILL');
    }
  }, 180_000);
});
