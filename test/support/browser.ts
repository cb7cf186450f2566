import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createAppCore } from '../../electron/main/core/app-core';
import { sameOriginSender } from '../../electron/main/ipc/sender';
import type { AccessGate } from '../../electron/main/ipc/access-gate';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { startBrowserHost, type BrowserHost } from '../../browser-host/server';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
export const APP_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** The browser host exactly as `npm start` runs it: the real core over the built renderer. */
export async function startAppHost(storage: TerminalStorage, accessGate?: AccessGate): Promise<BrowserHost> {
  const rendererDir = path.join(ROOT, 'dist', 'renderer');
  const bridgeScriptPath = path.join(ROOT, 'dist', 'browser-host', 'bridge.js');
  if (!existsSync(path.join(rendererDir, 'index.html')) || !existsSync(bridgeScriptPath)) {
    throw new Error('The app is not built: run `npm run build` first (`npm test` does).');
  }
  return startBrowserHost({
    rendererDir,
    bridgeScriptPath,
    createCore: (origin) => {
      const core = createAppCore({
        appInfo: { productName: 'NoPOS Terminal', version: APP_VERSION, platform: process.platform, startedAt: new Date() },
        now: () => new Date(),
        isTrustedSender: sameOriginSender(origin),
        storage,
        ...(accessGate ? { accessGate } : {}),
      });
      return { registry: core.registry, attachEvents: core.events.attach };
    },
  });
}

/** Collects everything that would mean the page is unhealthy: console errors, page errors, CSP violations. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}
