import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, ROOT } from '../support/browser';
import { startSandboxProcess } from '../support/sandbox-process';
import { tempDir } from '../support/storage';

// The built browser host as `npm start` runs it when Electron is missing: a real process with the
// real keychain, database and policy file, and the refusals it must make before touching anything.

const ENTRY = path.join(ROOT, 'dist', 'browser-host', 'index.cjs');
const scratch = tempDir('host-process');
let browser: Browser;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runHost(env: Record<string, string>): Run {
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, [ENTRY], {
    env: { ...process.env, NOPOS_NO_BROWSER: '1', NOPOS_KEYCHAIN_SERVICE: `NoPOS Terminal test host-process ${process.pid}`, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stdout: () => stdout, stderr: () => stderr, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function waitForUrl(run: Run, after = 0): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const match = /http:\/\/127\.0\.0\.1:\d+\/#nopos-code=[\w-]+/.exec(run.stdout().slice(after));
    if (match) return match[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`browser host printed no URL. stderr: ${run.stderr()}`);
}

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  scratch.cleanup();
});

describe('browser host process', () => {
  it('starts, prints a loopback URL with a one-time code, serves the first screen and stops cleanly', async () => {
    const dataDir = path.join(scratch.dir, 'ok');
    const run = runHost({ NOPOS_DATA_DIR: dataDir, NOPOS_POLICY_FILE: path.join(scratch.dir, 'none.json') });
    try {
      const url = await waitForUrl(run);
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      await page.goto(url);
      // A new terminal's first screen: set up the first admin.
      await page.getByRole('heading', { name: 'Set up this terminal' }).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'npm-start-browser-host.png') });
      await page.close();

      // Regression (issue 15, item 9): the same link opened again hung on "Starting…".
      const again = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      await again.goto(url);
      await expect(
        again
          .getByTestId('start-status')
          .filter({ hasText: /link was already used/ })
          .textContent(),
      ).resolves.toBe(
        'This link was already used: each link opens the terminal once, so no one else on this computer can reuse it. ' +
          'For a new link, press Enter in the window where NoPOS Terminal runs (or stop it with Ctrl+C and start it again).',
      );
      await again.screenshot({ path: path.join(ARTIFACTS, 'browser-host-link-used.png') });
      // Enter in the host's window prints a fresh link, and that one opens the terminal.
      const printed = run.stdout().length;
      run.child.stdin!.write('\n');
      const fresh = await waitForUrl(run, printed);
      expect(fresh).not.toBe(url);
      await again.close();
      const third = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      await third.goto(fresh);
      await third.getByRole('heading', { name: 'Set up this terminal' }).waitFor();
      await third.close();
      expect(readdirSync(dataDir).sort()).toEqual(['logs', 'terminal.db', 'terminal.db-shm', 'terminal.db-wal']);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it("enrolls with the policy file's enrollmentCode once, shows Online, and never sends that code again", async () => {
    const sandbox = await startSandboxProcess();
    const dataDir = path.join(scratch.dir, 'policy-code');
    const policyFile = path.join(scratch.dir, 'enroll-policy.json');
    // As the installer writes it: a code is used only from a file other accounts cannot read.
    writeFileSync(policyFile, JSON.stringify({ enrollmentCode: sandbox.code }), { mode: 0o640 });
    const env = {
      NOPOS_DATA_DIR: dataDir,
      NOPOS_POLICY_FILE: policyFile,
      NOPOS_API_BASE_URL: sandbox.url,
      NOPOS_API_CA_FILE: sandbox.caPath,
    };
    try {
      for (const start of [1, 2]) {
        const run = runHost(env);
        try {
          const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
          await page.goto(await waitForUrl(run));
          await page.getByRole('heading', { name: 'Set up this terminal' }).waitFor();
          await page
            .getByTestId('sync-connectivity')
            .filter({ hasText: /^Online$/ })
            .waitFor({ timeout: 20_000 });
          if (start === 1) await page.screenshot({ path: path.join(ARTIFACTS, 'browser-host-enrolled-by-policy.png') });
          await page.close();
        } finally {
          run.child.kill('SIGTERM');
        }
        expect(await run.exited).toBe(0);
      }
      // Tried once: the first start took it out of the file, and it was recorded as used; never sent again.
      expect(sandbox.requestsTo('/v1/enrollments')).toBe(1);
    } finally {
      await sandbox.stop();
    }
  });

  it('refuses to start without a Secret Service, says what to install, and creates nothing', async () => {
    const dataDir = path.join(scratch.dir, 'no-keychain');
    const run = runHost({ NOPOS_DATA_DIR: dataDir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/System keychain unavailable: .*apt-get install gnome-keyring/);
    expect(run.stderr()).toMatch(/never stores its secrets in a file/);
    expect(() => readdirSync(dataDir)).toThrow(/ENOENT/);
  });

  it('refuses to start on an invalid policy file, naming the file and the key, before opening the database', async () => {
    const dataDir = path.join(scratch.dir, 'bad-policy');
    const policyFile = path.join(scratch.dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ policies: { autoLockMinutes: 0 } }));
    const run = runHost({ NOPOS_DATA_DIR: dataDir, NOPOS_POLICY_FILE: policyFile });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(`Invalid IT policy file: The policy file ${policyFile} is not valid: key "policies.autoLockMinutes"`);
    expect(() => readdirSync(dataDir)).toThrow(/ENOENT/);
  });
});
