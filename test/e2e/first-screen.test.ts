import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import { contract } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window/content-security-policy';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';
import { APP_VERSION, ARTIFACTS, launchChromium, startAppHost, watchForProblems } from '../support/browser';

let browser: Browser;
let host: BrowserHost;
let context: BrowserContext;
let storage: TerminalStorage;
const scratch = tempDir('e2e-first');

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  storage = await openTestStorage(realKeychain('e2e-first-screen'), scratch.dir);
  [browser, host] = await Promise.all([launchChromium(), startAppHost(storage)]);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  storage?.close();
  scratch.cleanup();
});

async function openApp(viewport = { width: 1024, height: 768 }) {
  context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  const response = await page.goto(host.newAppUrl());
  await page.getByRole('heading', { name: 'Terminal status' }).waitFor();
  return { page, problems, response };
}

describe('first screen in Chromium (browser host)', () => {
  it('loads under its CSP with no console error and shows the status from main', async () => {
    const { page, problems, response } = await openApp();
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const status = page.getByRole('definition').filter({ hasText: APP_VERSION });
    await expect(status.textContent()).resolves.toBe(APP_VERSION);
    await expect(page.getByText('Running').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('terminal-id').textContent()).resolves.toBe(`Till 1 (${storage.terminalId})`);
    // The token left the address bar as soon as the shim read it.
    expect(page.url()).not.toContain('nopos-code');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('app-version').waitFor();
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
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', noposKeys: areas, appKeys: ['getStatus'], writable: areas.length });
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
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(blocking.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('lays out on the largest supported screen and keeps touch targets at 44px or more', async () => {
    const { page } = await openApp({ width: 1920, height: 1080 });
    const sizes = await page.$$eval('button', (buttons) => buttons.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]));
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
    expect(outline).toEqual({ tag: 'BUTTON', width: '3px', style: 'solid' });
  });
});
