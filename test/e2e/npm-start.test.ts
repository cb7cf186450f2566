import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium, ROOT } from '../support/browser';
import { call } from '../support/sandbox-client';
import { tempDir } from '../support/storage';

// `npm start` as a new user runs it on a headless box with no Secret Service (no D-Bus session at
// all): the sandbox and a throw-away demo terminal start, and the first screen comes up.

const scratch = tempDir('npm-start');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  scratch.cleanup();
});

async function waitFor(output: () => string, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  for (let i = 0; i < 400; i++) {
    const match = pattern.exec(output());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`npm start printed no ${what}. Output:\n${output()}`);
}

describe('npm start without a Secret Service', () => {
  it('starts the sandbox and a demo terminal that reaches the first screen, and cleans up after itself', async () => {
    const runtimeDir = path.join(scratch.dir, 'run');
    mkdirSync(runtimeDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NOPOS_START_SKIP_BUILD: '1',
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      NOPOS_NO_BROWSER: '1',
      NOPOS_SANDBOX_PORT: '0',
      NOPOS_SANDBOX_DIR: path.join(scratch.dir, 'sandbox'),
      NOPOS_POLICY_FILE: path.join(scratch.dir, 'no-policy.json'),
      XDG_RUNTIME_DIR: runtimeDir,
    };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    let output = '';
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const [, demoDir] = await waitFor(() => output, /running a throw-away demo terminal, keys in memory, data in (\S+),/, 'demo notice');
      const [appUrl] = await waitFor(() => output, /http:\/\/127\.0\.0\.1:\d+\/#nopos-code=[\w-]+/, 'terminal URL');
      const [, sandboxUrl] = await waitFor(() => output, /NoPOS API sandbox running at (https:\/\/127\.0\.0\.1:\d+)/, 'sandbox URL');
      const [, caPath] = await waitFor(() => output, /CA certificate:\s+(\S+)/, 'CA path');
      expect(output).toMatch(/Enrollment code: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
      expect(output).toContain('Electron binary not available');

      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      await page.goto(appUrl);
      await page.getByRole('heading', { name: 'Set up this terminal' }).waitFor();
      const banner = page.getByTestId('demo-banner');
      await banner.filter({ hasText: 'Demo terminal: nothing is kept after it stops.' }).waitFor();
      expect(await banner.textContent()).toContain(`Its data is in ${demoDir!} until then. To stop it, press Ctrl+C`);
      // Enrolled in the sandbox it started with the code it printed: online, never "Not enrolled".
      await page
        .getByTestId('sync-connectivity')
        .filter({ hasText: /^Online$/ })
        .waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('sync-connectivity').textContent()).resolves.not.toBe('Not enrolled');
      await page.screenshot({ path: path.join(ARTIFACTS, 'npm-start-demo.png') });
      await page.close();

      // The sandbox it started answers over TLS 1.3 to a client trusting exactly the printed CA.
      const time = await call(sandboxUrl!, readFileSync(caPath!, 'utf8'), 'GET', '/v1/time');
      expect(time.status).toBe(200);
      expect(existsSync(demoDir!)).toBe(true);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(demoDir!)).toBe(false);
      await expect(call(sandboxUrl!, readFileSync(caPath!, 'utf8'), 'GET', '/v1/time')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
