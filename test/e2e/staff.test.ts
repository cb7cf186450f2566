import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/main/core/app-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { BrowserHost } from '../../browser-host/server';
import {
  ARTIFACTS,
  blockingA11yIssues,
  launchChromium,
  signInThroughUi,
  startAppHost,
  watchForProblems,
  openScreen,
  screenLabels,
} from '../support/browser';
import { AdminPassphrases } from '../../electron/main/staff/admin-passphrases';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';
import { TestClock } from '../support/terminal-fixture';

// Staff sign-in in Chromium against the real core and real storage, on a clock the test can move.
// The tests run in order on one terminal, like a shop's first morning.

let browser: Browser;
let storage: TerminalStorage;
let host: BrowserHost;
let core: AppCore;
let context: BrowserContext;
let page: Page;
let problems: string[];
const clock = new TestClock();
const scratch = tempDir('e2e-staff');

async function noBlockingA11yIssues(): Promise<void> {
  expect(await blockingA11yIssues(page)).toEqual([]);
}

const auditActions = () =>
  storage.db.prepare('SELECT action, actor_id AS actor, approver_id AS approver FROM audit_log ORDER BY seq').all() as Record<
    string,
    string
  >[];
const staffId = (name: string) => (storage.db.prepare('SELECT id FROM staff WHERE name = ?').get(name) as { id: string }).id;

beforeAll(async () => {
  storage = await openTestStorage(realKeychain('e2e-staff'), scratch.dir, { now: clock.now, policy: { policies: { autoLockMinutes: 2 } } });
  browser = await launchChromium();
  ({ host, core } = await startAppHost(storage, { now: clock.now }));
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  problems = watchForProblems(page);
  await page.goto(host.newAppUrl());
});

afterEach(() => {
  expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  storage?.close();
  scratch.cleanup();
});

describe('staff sign-in in the browser', () => {
  it('sets up the first admin on a new terminal', async () => {
    await page.getByRole('heading', { name: 'Set up this terminal' }).waitFor();
    await page.getByLabel('Your name').fill('Ada');
    await page.getByLabel('Choose a PIN (6 digits)').fill('123456');
    await page.getByLabel('Enter the PIN again').fill('123456');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByText('A PIN cannot be a run of digits such as 123456 or 654321.').waitFor();
    await page.getByLabel('Choose a PIN (6 digits)').fill('739164');
    await page.getByLabel('Enter the PIN again').fill('739164');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByText('Ada · Admin').waitFor();
  });

  it('lets the admin add a cashier and a manager', async () => {
    await openScreen(page, 'Staff');
    await page.getByRole('heading', { name: 'Staff members' }).waitFor();
    for (const [name, role, pin] of [
      ['Cass', 'Cashier', '482913'],
      ['Manny', 'Manager', '205837'],
    ] as const) {
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
      await page.getByLabel('First PIN (6 digits)').fill(pin);
      await page.getByRole('button', { name: 'Add staff member' }).click();
      await page.getByText(`${name} added.`).waitFor();
    }
    // The table re-renders after each add: wait for its rows (header, Ada, Cass, Manny) instead of counting once.
    await page.getByRole('row').filter({ hasText: 'Manny' }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(4);
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff.png'), fullPage: true });
  });

  it("lets an admin reset another admin's passphrase and change their own (the passphrases PCI sign-in mode asks of admins)", async () => {
    await page.getByLabel('Name', { exact: true }).fill('Bea');
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Admin' });
    await page.getByLabel('First PIN (6 digits)').fill('846275');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.getByText('Bea added.').waitFor();
    const passphrases = new AdminPassphrases(storage.db, core.staff.hasher, clock.now);
    const ada = staffId('Ada');
    const bea = staffId('Bea');
    // Set as their first PCI sign-ins would have set them.
    await passphrases.set(ada, 'ada passphrase 1');
    await passphrases.set(bea, 'bea passphrase 1');
    const beaRow = page.getByRole('row').filter({ hasText: 'Bea' });
    await beaRow.getByRole('button', { name: 'Reset passphrase' }).click();
    await page.getByText('Bea: passphrase reset; they set a new one at their next sign-in.').waitFor();
    expect(passphrases.has(bea)).toBe(false);
    // No reset of one's own: the change form asks for the current passphrase instead.
    await expect(page.getByRole('row').filter({ hasText: 'Ada' }).getByRole('button', { name: 'Reset passphrase' }).count()).resolves.toBe(
      0,
    );
    const form = page.getByRole('form', { name: 'Change my passphrase' });
    await form.getByLabel('Current passphrase').fill('not my passphrase 9');
    await form.getByLabel('New passphrase').fill('ada new passphrase 2');
    await form.getByRole('button', { name: 'Change passphrase' }).click();
    await form.getByText('That is not your current passphrase.').waitFor();
    expect(await passphrases.verify(ada, 'ada passphrase 1')).toBe(true);
    await form.getByLabel('Current passphrase').fill('ada passphrase 1');
    await form.getByRole('button', { name: 'Change passphrase' }).click();
    await form.getByText('Your passphrase is changed: give the new one at your next sign-in.').waitFor();
    expect(await passphrases.verify(ada, 'ada new passphrase 2')).toBe(true);
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-passphrases.png'), fullPage: true });
    const changes = storage.db
      .prepare("SELECT actor_id AS actor, target, details_json AS d FROM audit_log WHERE details_json LIKE '%passphrase_%' ORDER BY seq")
      .all();
    expect(changes).toEqual([
      { actor: ada, target: bea, d: JSON.stringify({ change: 'passphrase_reset' }) },
      { actor: ada, target: ada, d: JSON.stringify({ change: 'passphrase_changed' }) },
    ]);
  });

  it('signs the cashier in with the PIN pad', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await noBlockingA11yIssues();
    await signInThroughUi(page, 'Cass', '482913');
    await page.getByText('Cass · Cashier').waitFor();
    // A cashier is shown neither staff nor settings; main refuses them anyway (tested in unit tests).
    const labels = await screenLabels(page);
    expect(labels).toContain('Register');
    expect(labels).not.toContain('Staff');
    expect(labels).not.toContain('Settings');
  });

  it('lands the cashier on the register', async () => {
    await expect.poll(() => page.locator('.nav__item[aria-current="page"]').textContent()).toBe('Register');
  });

  it('blocks the cashier from a manager action until a manager approves it on the spot', async () => {
    await openScreen(page, 'Home');
    await page.getByRole('button', { name: 'No sale' }).click();
    await page.getByRole('dialog', { name: 'Manager approval needed' }).waitFor();
    await noBlockingA11yIssues();
    await page
      .getByRole('group', { name: 'Approving manager' })
      .getByRole('button', { name: /^Manny/ })
      .click();
    await page.getByLabel('Manager PIN').fill('205837');
    await page.screenshot({ path: path.join(ARTIFACTS, 'manager-approval.png') });
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Drawer opened (no sale).').waitFor();
    expect(auditActions().slice(-2)).toEqual([
      { action: 'override.approved', actor: staffId('Cass'), approver: staffId('Manny') },
      { action: 'drawer.opened', actor: staffId('Cass'), approver: staffId('Manny') },
    ]);
    // The approval covered that one action: the next one asks again.
    await page.getByRole('button', { name: 'No sale' }).click();
    await page.getByRole('dialog', { name: 'Manager approval needed' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('locks the terminal after the policy idle time, and the same cashier unlocks it', async () => {
    clock.advance(2 * 60);
    core.session.tick();
    await page.getByRole('heading', { name: 'Terminal locked' }).waitFor();
    await page.getByText(/Cass was signed in and the terminal locked after a while without use/).waitFor();
    await noBlockingA11yIssues();
    await page.screenshot({ path: path.join(ARTIFACTS, 'lock-screen.png') });
    for (const digit of '482913') await page.getByRole('button', { name: `Digit ${digit}` }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Cass · Cashier').waitFor();
  });

  it('locks a staff member out after 5 wrong PINs and shows the wait', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: /^Cass/ }).click();
    const pinField = page.getByLabel('PIN for Cass');
    // People take a moment per attempt; the channel's rate limit runs on the same (test) clock.
    for (const [i, left] of [4, 3, 2, 1].entries()) {
      clock.advance(2);
      await pinField.fill(`10000${i}`);
      await pinField.press('Enter');
      await page.getByText(left === 1 ? 'Wrong PIN. 1 attempt left before a lock.' : `Wrong PIN. ${left} attempts left.`).waitFor();
    }
    clock.advance(2);
    await pinField.fill('100009');
    await pinField.press('Enter');
    await page.getByText(/Too many wrong PINs\. Locked — try again in 0:(30|29)/).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'lockout.png') });
    // Even the right PIN waits out the lock.
    clock.advance(2);
    await pinField.fill('482913');
    await pinField.press('Enter');
    await page.getByText(/Locked — try again in/).waitFor();
    expect(auditActions().filter((a) => a.action === 'staff.locked_out')).toHaveLength(1);
    clock.advance(30);
    // The lock is over on main's clock: the right PIN signs in. Entered again while the page still
    // shows the last answer, so a slow, loaded run cannot lose the keystrokes to a re-render.
    const signedIn = page.getByText('Cass · Cashier');
    await expect
      .poll(
        async () => {
          if (!(await signedIn.isVisible()) && (await pinField.isVisible())) {
            await pinField.fill('482913');
            await pinField.press('Enter');
          }
          return signedIn.isVisible();
        },
        { timeout: 45_000, interval: 1_000 },
      )
      .toBe(true);
  }, 90_000);
});
