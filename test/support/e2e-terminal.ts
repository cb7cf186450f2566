import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { AppCore } from '../../electron/main/core/app-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { Role } from '../../shared/domain/staff';
import { ARTIFACTS, launchChromium, seedStaff, startAppHost, watchForProblems } from './browser';
import { openTestStorage, realKeychain, tempDir } from './storage';

export interface E2eTerminal {
  storage: TerminalStorage;
  host: BrowserHost;
  /** The core behind the page, for arranging what a test needs that no screen makes (an API event). */
  core: AppCore;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Staff ids by name, as seeded. */
  staff: Record<string, string>;
  dir: string;
}

/**
 * One terminal for an e2e file: real keychain and encrypted storage, the staff given, the browser host
 * with receipts saved as real PDFs, and Chromium on its first screen. Registers the file's hooks; every
 * test ends with no page errors. Read the fields inside tests or hooks, once `beforeAll` has run.
 */
export function e2eTerminal(
  name: string,
  options: { staff: [string, Role, string][]; viewport?: { width: number; height: number }; demo?: boolean },
): E2eTerminal {
  const scratch = tempDir(`e2e-${name}`);
  const t = { staff: {}, dir: scratch.dir } as E2eTerminal;
  let problems: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    t.storage = await openTestStorage(realKeychain(`e2e-${name}`), scratch.dir);
    for (const [staffName, role, pin] of options.staff) t.staff[staffName] = await seedStaff(t.storage, staffName, role, pin);
    t.browser = await launchChromium();
    ({ host: t.host, core: t.core } = await startAppHost(t.storage, {
      receiptsDir: path.join(scratch.dir, 'receipts'),
      ...(options.demo ? { demoDataDir: scratch.dir } : {}),
    }));
    t.context = await t.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'en-US' });
    t.page = await t.context.newPage();
    problems = watchForProblems(t.page);
    await t.page.goto(t.host.newAppUrl());
  });

  afterEach(() => {
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  });

  afterAll(async () => {
    await t.context?.close();
    await t.browser?.close();
    await t.host?.close();
    t.storage?.close();
    scratch.cleanup();
  });
  return t;
}
