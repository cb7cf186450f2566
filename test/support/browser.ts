import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PaymentGateway } from '../../electron/main/payments/payment-gateway';
import { createAppCore, type AppCore } from '../../electron/main/core/app-core';
import { newStaffId } from '../../electron/main/staff/staff-repository';
import type { Role } from '../../shared/domain/staff';
import { sameOriginSender } from '../../electron/main/ipc/sender';
import type { AccessGate } from '../../electron/main/ipc/access-gate';
import type { KioskHost } from '../../electron/main/kiosk/kiosk-exit';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { startBrowserHost, type BrowserHost } from '../../browser-host/server';
import { CHROMIUM_FLAGS, createChromiumReceiptPrinter } from '../../browser-host/chromium-receipt-printer';
import { SimulatedCashDrawer } from '../../electron/main/devices/cash-drawer';
import { folderDestination } from '../../electron/main/customers';
import { ReceiptsFolder } from '../../electron/main/devices/receipts-folder';
import type { TerminalSyncOptions } from '../../electron/main/core/terminal-sync';
import { insertStaff } from './storage';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
export const APP_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Playwright (and axe) are loaded on first use: the bench bundles this file, and its memory probe
 * must measure the terminal, not some 70 MiB of browser automation it never calls.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** The browser host exactly as `npm start` runs it: the real core over the built renderer. */
export async function startAppHost(
  storage: TerminalStorage,
  options: {
    accessGate?: AccessGate;
    now?: () => Date;
    /** Receipts are printed to PDF here by the real Chromium, as `npm start` does. */
    receiptsDir?: string;
    /** Stands in for Electron's kiosk window. */
    kiosk?: KioskHost;
    /** Sync's options: the core builds sync over the same storage (tests start and stop `core.sync`). */
    sync?: TerminalSyncOptions;
    /** Stands in for online card authorization (with sync, the core's is the NoPOS API's, as `npm start` wires it). */
    paymentGateway?: PaymentGateway;
    /** Where customer exports land (the browser host's stand-in for the save dialog). */
    customerExportsDir?: string;
    /** Runs as the throw-away demo terminal `npm start` makes without a keychain, with this data folder. */
    demoDataDir?: string;
  } = {},
): Promise<{ host: BrowserHost; core: AppCore }> {
  const rendererDir = path.join(ROOT, 'dist', 'renderer');
  const bridgeScriptPath = path.join(ROOT, 'dist', 'browser-host', 'bridge.js');
  if (!existsSync(path.join(rendererDir, 'index.html')) || !existsSync(bridgeScriptPath)) {
    throw new Error('The app is not built: run `npm run build` first (`npm test` does).');
  }
  const now = options.now ?? (() => new Date());
  const printer = options.receiptsDir
    ? createChromiumReceiptPrinter({
        folder: new ReceiptsFolder(options.receiptsDir),
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      })
    : null;
  let core: AppCore | undefined;
  const host = await startBrowserHost({
    rendererDir,
    bridgeScriptPath,
    createCore: (origin) => {
      core = createAppCore({
        appInfo: {
          productName: 'NoPOS Terminal',
          version: APP_VERSION,
          platform: process.platform,
          startedAt: now(),
          ...(options.demoDataDir ? { demo: true, demoDataDir: options.demoDataDir } : {}),
        },
        now,
        isTrustedSender: sameOriginSender(origin),
        storage,
        ...(options.accessGate ? { accessGate: options.accessGate } : {}),
        ...(options.sync ? { sync: options.sync } : {}),
        ...(options.paymentGateway ? { paymentGateway: options.paymentGateway } : {}),
        ...(options.kiosk ? { kiosk: options.kiosk } : {}),
        ...(options.customerExportsDir ? { customerExports: folderDestination(options.customerExportsDir) } : {}),
        ...(printer ? { devices: { printer, drawer: new SimulatedCashDrawer({ now, log: (entry) => storage.appLog.write(entry) }) } } : {}),
      });
      return { registry: core.registry, attachEvents: core.events.attach, customerDisplay: core.devices.customerDisplay };
    },
  });
  if (!printer) return { host, core: core! };
  return {
    host: {
      origin: host.origin,
      newAppUrl: () => host.newAppUrl(),
      customerDisplayUrl: () => host.customerDisplayUrl(),
      close: async () => void (await Promise.all([host.close(), printer.close()])),
    },
    core: core!,
  };
}

/** Adds staff straight into storage, as if an admin had created them. */
export async function seedStaff(storage: TerminalStorage, name: string, role: Role, pin: string): Promise<string> {
  const id = newStaffId();
  await insertStaff(storage, { id, name, role }, pin);
  return id;
}

/** Signs in through the real UI: pick the name, tap the PIN on the pad, submit. */
export async function signInThroughUi(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  for (const digit of pin) await page.getByRole('button', { name: `Digit ${digit}` }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Goes to a screen as staff would: its button in the header, or the header's "More" menu when it sits there. */
export async function openScreen(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  const button = nav.getByRole('button', { name: label, exact: true });
  await nav.waitFor();
  if (await button.isVisible()) return button.click();
  await nav.getByRole('button', { name: /^More/ }).click();
  await page.getByRole('menu', { name: 'More screens' }).getByRole('menuitem', { name: label, exact: true }).click();
}

/** Every screen the header offers, whether shown in the bar or in its "More" menu. */
export async function screenLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.waitFor();
  const labels = (await nav.locator(':scope > button.nav__item').allTextContents()).map((t) => t.trim());
  const more = nav.getByRole('button', { name: /^More/ });
  if (!(await more.isVisible())) return labels;
  await more.click();
  const menu = page.getByRole('menu', { name: 'More screens' });
  labels.push(...(await menu.getByRole('menuitem').allTextContents()).map((t) => t.trim()));
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  return labels;
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

/** axe-core over the page as it is now, against WCAG 2.2 AA: the serious and critical violations, as `id: first target`. */
export async function blockingA11yIssues(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${String(v.nodes[0]?.target)}`);
}
