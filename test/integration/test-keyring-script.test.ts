import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// Regression: scripts/with-test-keyring.sh left gnome-keyring-daemon running (reparented to init)
// when the command it wraps was stopped by a signal. Each run gets a TMPDIR of its own, so every
// process it started can be found by the HOME it was given, and none may outlive the script.

const script = path.resolve(import.meta.dirname, '../../scripts/with-test-keyring.sh');
let scratch: string;

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

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
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: scratch };
  // This test itself runs inside the wrapper: the child must start a session of its own.
  delete env.NOPOS_IN_TEST_KEYRING;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn('bash', [script, ...command], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited };
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
});
