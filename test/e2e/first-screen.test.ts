import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window/content-security-policy';
import { contract } from '../../shared/ipc/contract';
import { APP_VERSION, ARTIFACTS, blockingA11yIssues, launchChromium, startAppHost, watchForProblems, openScreen } from '../support/browser';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';

// A brand-new terminal: its first screen is the first-admin set-up, served by the real core.

let browser: Browser;
let host: BrowserHost;
let storage: TerminalStorage;
const contexts: BrowserContext[] = [];
const scratch = tempDir('e2e-first');

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  storage = await openTestStorage(realKeychain('e2e-first-screen'), scratch.dir);
  [browser, { host }] = await Promise.all([launchChromium(), startAppHost(storage)]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await host?.close();
  storage?.close();
  scratch.cleanup();
});

async function openApp(viewport = { width: 1024, height: 768 }): Promise<{ page: Page; problems: string[]; csp: string | undefined }> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(host.newAppUrl());
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { page, problems, csp: response?.headers()['content-security-policy'] };
}

describe('first screen in Chromium (browser host)', () => {
  it('loads under its CSP with no console error and asks for the first admin', async () => {
    const { page, problems, csp } = await openApp();
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    await page.getByRole('heading', { name: 'Set up this terminal' }).waitFor();
    // The one-time code left the address bar as soon as the shim read it.
    expect(page.url()).not.toContain('nopos-code');
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-screen-1024x768.png'), fullPage: true });
  });

  it('gives the page no Node and no raw IPC: only the contract methods', async () => {
    const { page } = await openApp();
    const globals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      module: typeof (window as unknown as { module?: unknown }).module,
      noposKeys: Object.keys(window.nopos).sort(),
      appKeys: Object.keys(window.nopos.app).sort(),
      writable: (() => {
        try {
          (window as unknown as { nopos: unknown }).nopos = {};
        } catch {
          /* strict-mode assignment to a read-only property */
        }
        return Object.keys(window.nopos).length;
      })(),
    }));
    const areas = [...Object.keys(contract.channels), 'events'].sort();
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      noposKeys: areas,
      appKeys: ['getStatus'],
      writable: areas.length,
    });
  });

  it('blocks inline script and inline event handlers under the CSP', async () => {
    const { page, problems } = await openApp();
    const ran = await page.evaluate(async () => {
      const flags = window as unknown as { __inlineRan?: boolean; __handlerRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      const img = document.createElement('div');
      img.innerHTML = '<img src="data:," onerror="window.__handlerRan = true" onload="window.__handlerRan = true">';
      document.body.append(img);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { inline: flags.__inlineRan === true, handler: flags.__handlerRan === true };
    });
    expect(ran).toEqual({ inline: false, handler: false });
    expect(problems.some((p) => p.includes('Content Security Policy'))).toBe(true);
  });

  it('has no serious or critical accessibility violation', async () => {
    const { page } = await openApp();
    expect(await blockingA11yIssues(page)).toEqual([]);
  });

  it('lays out on the largest supported screen and keeps touch targets at 44px or more', async () => {
    const { page } = await openApp({ width: 1920, height: 1080 });
    const sizes = await page.$$eval('button, input, select', (els) =>
      els.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]),
    );
    expect(sizes.length).toBeGreaterThan(0);
    for (const [width, height] of sizes) expect(Math.min(width!, height!)).toBeGreaterThanOrEqual(44);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.screenshot({ path: path.join(ARTIFACTS, 'first-screen-1920x1080.png') });
  });

  it('shows a visible focus ring when moving by keyboard', async () => {
    const { page } = await openApp();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { tag: document.activeElement?.tagName, width: style.outlineWidth, style: style.outlineStyle };
    });
    expect(outline).toEqual({ tag: 'INPUT', width: '3px', style: 'solid' });
  });

  it('after set-up, calls a channel and shows the answer: the terminal status', async () => {
    const { page, problems } = await openApp();
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Choose a PIN (6 digits)').fill('739164');
    await page.getByLabel('Enter the PIN again').fill('739164');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    // Whoever may sell lands on the register; the status screen is one tap away.
    await page.locator('.nav__item[aria-current="page"]', { hasText: 'Register' }).waitFor();
    await openScreen(page, 'Home');
    await page.getByRole('heading', { name: 'Terminal status' }).waitFor();
    await expect(page.getByTestId('app-version').textContent()).resolves.toBe(APP_VERSION);
    await expect(page.getByTestId('terminal-id').textContent()).resolves.toBe(`Till 1 (${storage.terminalId})`);
    await expect(page.getByText('Ada Admin · Admin').isVisible()).resolves.toBe(true);
    expect(await blockingA11yIssues(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'home-signed-in.png'), fullPage: true });
  });
});
