import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createAppCore } from '../electron/main/core/app-core';
import { StartupError } from '../electron/main/core/startup-error';
import { SimulatedCashDrawer } from '../electron/main/devices/cash-drawer';
import { ReceiptsFolder } from '../electron/main/devices/receipts-folder';
import { openTerminalStorage } from '../electron/main/core/terminal-storage';
import { sameOriginSender } from '../electron/main/ipc/sender';
import { redact } from '../electron/main/logging/redact';
import { KEYCHAIN_SERVICE } from '../electron/main/secrets/keychain';
import { createOsKeychain } from '../electron/main/secrets/os-keychain';
import { defaultPolicyPath } from '../electron/main/settings/policy-file';
import { createChromiumReceiptPrinter } from './chromium-receipt-printer';
import { startBrowserHost } from './server';

// `npm start` runs this where the Electron binary is not available: the same core, served on loopback.
// It keeps its own data folder and keychain service, so it never shares a database key with an
// installed terminal on the same machine.

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function main(): Promise<void> {
  const distDir = path.resolve(__dirname, '..');
  const { version } = JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { version: string };
  const now = () => new Date();
  const dataDir = process.env.NOPOS_DATA_DIR ?? path.join(homedir(), '.nopos-terminal', 'browser-host');
  const storage = await openTerminalStorage({
    dataDir,
    policyFile: process.env.NOPOS_POLICY_FILE ?? defaultPolicyPath(),
    keychain: createOsKeychain(process.env.NOPOS_KEYCHAIN_SERVICE ?? `${KEYCHAIN_SERVICE} (browser host)`),
    now,
  });
  const chromium = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  // Receipts become PDFs in <data dir>/receipts, rendered by the real Chromium; the drawer is simulated.
  const printer = createChromiumReceiptPrinter({ folder: new ReceiptsFolder(path.join(dataDir, 'receipts')), ...(chromium ? { executablePath: chromium } : {}) });
  const devices = { printer, drawer: new SimulatedCashDrawer({ now, log: (entry) => storage.appLog.write(entry) }) };
  let stopTimers = () => {};
  const host = await startBrowserHost({
    rendererDir: path.join(distDir, 'renderer'),
    bridgeScriptPath: path.join(distDir, 'browser-host', 'bridge.js'),
    port: Number(process.env.NOPOS_BROWSER_HOST_PORT ?? 0),
    createCore: (origin) => {
      const core = createAppCore({
        appInfo: { productName: 'NoPOS Terminal', version, platform: process.platform, startedAt: now() },
        now,
        storage,
        isTrustedSender: sameOriginSender(origin),
        devices,
      });
      stopTimers = core.startTimers();
      return { registry: core.registry, attachEvents: core.events.attach };
    },
  });

  const stop = () =>
    void Promise.all([host.close(), printer.close()]).then(() => {
      stopTimers();
      storage.close();
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (chromium && hasDisplay && process.env.NOPOS_NO_BROWSER !== '1') {
    const profile = mkdtempSync(path.join(tmpdir(), 'nopos-browser-'));
    const browser = spawn(chromium, [`--app=${host.newAppUrl()}`, `--user-data-dir=${profile}`, '--no-first-run'], { stdio: 'ignore' });
    browser.on('exit', stop);
    process.stdout.write(`NoPOS Terminal (browser host) opened in Chromium at ${host.origin}\n`);
  } else {
    process.stdout.write(`NoPOS Terminal (browser host) is running. Open this URL once in Chromium (it works for one page):\n${host.newAppUrl()}\n`);
  }
}

main().catch((error: unknown) => {
  // A start-up refusal is shown as written; anything else is shown redacted, so a developer can act on it.
  const text = StartupError.is(error) ? `${error.title}: ${error.message}` : `Browser host failed to start: ${JSON.stringify(redact(error))}`;
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
