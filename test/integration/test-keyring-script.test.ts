import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// Regression: scripts/with-test-keyring.sh left gnome-keyring-daemon running (reparented to init)
// when the command it wraps was stopped by a signal. Each run gets a TMPDIR of its own, so every
// process it started can be found by the HOME it was given, and none may outlive the script.

const repo = path.resolve(import.meta.dirname, '../..');
const script = path.join(repo, 'scripts/with-test-keyring.sh');
let scratch: string;
const scratches: string[] = [];

afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Live (not zombie) processes whose HOME lies under `dir`: what the script started. */
function processesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) continue;
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (env.some((entry) => entry.startsWith(`HOME=${dir}/`))) found.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function run(command: string[]) {
  scratch = mkdtempSync(path.join(tmpdir(), 'nopos-keyring-script-'));
  scratches.push(scratch);
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: scratch };
  // This test itself runs inside the wrapper: the child must start a session of its own.
  delete env.NOPOS_IN_TEST_KEYRING;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn('bash', [script, ...command], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited, home: scratch };
}

/**
 * One wrapped run for the concurrency test: stores its own value under a name both runs use, then,
 * once the other run has stored its value (and, for the second run, once the first has ended and
 * stopped its daemons), reads it back and writes again. Prints its bus and keyring daemon.
 */
function keychainRun(me: string, meeting: string, waitFor: string) {
  const program = `
    import { Entry } from '@napi-rs/keyring';
    import { existsSync, writeFileSync } from 'node:fs';
    const [me, meeting, waitFor] = process.argv.slice(1);
    const until = async (file) => { while (!existsSync(meeting + '/' + file)) await new Promise((r) => setTimeout(r, 50)); };
    const entry = new Entry('nopos-keyring-script-test', 'shared-name');
    entry.setPassword('value-' + me);
    writeFileSync(meeting + '/' + me + '-stored', '');
    await until(waitFor);
    const read = entry.getPassword();
    entry.setPassword('again-' + me);
    console.log(JSON.stringify({ read, again: entry.getPassword(), bus: process.env.DBUS_SESSION_BUS_ADDRESS }));
  `;
  return run(['node', '--input-type=module', '-e', program, me, meeting, waitFor]);
}

describe('with-test-keyring.sh', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('stops the keyring daemon, the bus and the command when it gets %s', async (signal) => {
    const { child, exited } = run(['sleep', '60']);
    await until(() => {
      const running = processesUnder(scratch);
      return running.some((name) => name.includes('gnome-keyring-daemon')) && running.includes('sleep');
    }, 'the keyring daemon and the command');
    child.kill(signal);
    const { code } = await exited;
    expect(code).toBe({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }[signal]);
    // Give anything left behind a moment to show itself.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(processesUnder(scratch)).toEqual([]);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it.each([
    ['succeeds', 'exit 0', 0],
    ['fails', 'exit 3', 3],
  ])('leaves nothing running when the command %s, and passes on its exit code', async (_name, body, expected) => {
    const { exited } = run(['bash', '-c', `test -n "$DBUS_SESSION_BUS_ADDRESS" && ${body}`]);
    expect((await exited).code).toBe(expected);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(processesUnder(scratch)).toEqual([]);
    expect(existsSync(scratch) && readdirSync(scratch)).toEqual([]);
  });

  it('keeps two runs at once apart: each its own bus and keyring, and one ending leaves the other working', async () => {
    const meeting = mkdtempSync(path.join(tmpdir(), 'nopos-keyring-meeting-'));
    scratches.push(meeting);
    const first = keychainRun('first', meeting, 'second-stored');
    const second = keychainRun('second', meeting, 'first-ended');
    const firstEnd = await first.exited;
    expect(firstEnd.code, firstEnd.output).toBe(0);
    // The first run's bus and keyring daemon are gone now; the second must not have used them.
    expect(processesUnder(first.home)).toEqual([]);
    writeFileSync(path.join(meeting, 'first-ended'), '');
    const secondEnd = await second.exited;
    expect(secondEnd.code, secondEnd.output).toBe(0);
    const [a, b] = [firstEnd, secondEnd].map((end) => JSON.parse(end.output.trim().split('\n').at(-1)!) as Record<string, string>) as [
      Record<string, string>,
      Record<string, string>,
    ];
    expect(a).toMatchObject({ read: 'value-first', again: 'again-first' });
    expect(b).toMatchObject({ read: 'value-second', again: 'again-second' });
    expect(a.bus).not.toBe(b.bus);
    expect(processesUnder(second.home)).toEqual([]);
  });
});
