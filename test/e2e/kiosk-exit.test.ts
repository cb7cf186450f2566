import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../browser-host/server';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { KioskHost } from '../../electron/main/kiosk/kiosk-exit';
import {
  ARTIFACTS,
  blockingA11yIssues,
  launchChromium,
  seedStaff,
  signInThroughUi,
  startAppHost,
  watchForProblems,
} from '../support/browser';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';

// Leaving kiosk mode from the screen, in Chromium over the real core: the browser host has no kiosk
// window, so a stand-in records what Electron's window would be asked to do.

let browser: Browser;
let storage: TerminalStorage;
const scratch = tempDir('e2e-kiosk');
const hosts: BrowserHost[] = [];
const ADMIN_PIN = '739164';

/** Electron's kiosk window, as far as the core sees it (electron/main/kiosk/kiosk-window.ts). */
function kioskWindowStandIn(): KioskHost & { left: number } {
  const host = {
    on: true,
    left: 0,
    active: () => host.on,
    leave: () => {
      host.on = false;
      host.left += 1;
    },
  };
  return host;
}

beforeAll(async () => {
  storage = await openTestStorage(realKeychain('e2e-kiosk'), scratch.dir);
  await seedStaff(storage, 'Ada', 'admin', ADMIN_PIN);
  await seedStaff(storage, 'Manny', 'manager', '205837');
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

afterAll(async () => {
  await browser?.close();
  storage?.close();
  scratch.cleanup();
});

async function signedIn(name: string, pin: string, kiosk?: KioskHost): Promise<{ page: Page; problems: string[] }> {
  const { host } = await startAppHost(storage, kiosk ? { kiosk } : {});
  hosts.push(host);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(host.newAppUrl());
  await signInThroughUi(page, name, pin);
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return { page, problems };
}

const exitButton = (page: Page) => page.getByRole('button', { name: 'Exit kiosk' });
const kioskExits = () =>
  storage.db.prepare("SELECT actor_id AS actor FROM audit_log WHERE action = 'kiosk.exited'").all() as { actor: string }[];

async function typePin(page: Page, pin: string): Promise<void> {
  await page.getByLabel('Admin PIN').fill(pin);
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
}

describe('kiosk exit on screen', () => {
  it('is not offered when kiosk mode is off, nor to a manager when it is on', async () => {
    const off = await signedIn('Ada', ADMIN_PIN);
    await off.page.getByRole('button', { name: 'Lock' }).waitFor();
    // The page's own status query went out before this one: once this answers, the header has its answer too.
    expect(await off.page.evaluate(() => window.nopos.kiosk.status())).toEqual({ ok: true, data: { active: false } });
    await expect(exitButton(off.page).count()).resolves.toBe(0);

    const kiosk = kioskWindowStandIn();
    const manager = await signedIn('Manny', '205837', kiosk);
    await manager.page.getByRole('button', { name: 'Lock' }).waitFor();
    await expect(exitButton(manager.page).count()).resolves.toBe(0);
    // Asking anyway is refused by main, and kiosk mode stays on.
    const answer = await manager.page.evaluate(() => window.nopos.kiosk.exit({ pin: '205837' }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(kiosk.active()).toBe(true);
    expect(off.problems).toEqual([]);
    expect(manager.problems).toEqual([]);
  });

  it('asks the signed-in admin for their PIN again, refuses a wrong one, then leaves kiosk mode once', async () => {
    const kiosk = kioskWindowStandIn();
    const { page, problems } = await signedIn('Ada', ADMIN_PIN, kiosk);
    await exitButton(page).click();
    const dialog = page.getByRole('dialog', { name: 'Leave kiosk mode' });
    await dialog.waitFor();
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-exit.png') });

    // Esc closes it without leaving.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(kiosk.left).toBe(0);

    await exitButton(page).click();
    await typePin(page, '111111');
    await page.getByText(/Wrong PIN\. \d attempts? left/).waitFor();
    expect(kiosk.active()).toBe(true);
    expect(kioskExits()).toEqual([]);

    // The on-screen pad works too.
    for (const digit of ADMIN_PIN) await page.getByRole('button', { name: `Digit ${digit}` }).click();
    await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
    await dialog.waitFor({ state: 'detached' });
    await exitButton(page).waitFor({ state: 'detached' });
    expect(kiosk.left).toBe(1);
    expect(kioskExits()).toHaveLength(1);
    expect(await blockingA11yIssues(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
