import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { folderFileChooser } from '../electron/main/catalog/import/folder-file-chooser';
import { folderDestination } from '../electron/main/customers';
import { StartupError } from '../electron/main/errors/startup-error';
import { SimulatedCashDrawer } from '../electron/main/devices/cash-drawer';
import { ReceiptsFolder } from '../electron/main/devices/receipts-folder';
import { sameOriginSender } from '../electron/main/ipc/sender';
import { redact } from '../electron/main/logging/redact';
import { KEYCHAIN_SERVICE, KeychainUnavailableError, type Keychain } from '../electron/main/secrets/keychain';
import { createOsKeychain } from '../electron/main/secrets/os-keychain';
import { probeKeychainPatiently } from '../electron/main/secrets/keychain-retry';
import { defaultPolicyPath } from '../electron/main/settings/policy-file';
import { startTerminal, type RunningTerminal } from '../electron/main/core/start-terminal';
import { createDemoKeychain } from './demo-keychain';
import { createChromiumReceiptPrinter } from './chromium-receipt-printer';
import { startBrowserHost } from './server';

// `npm start` runs this where the Electron binary is not available: the same core, served on loopback.
// It keeps its own data folder and keychain service, so it never shares a database key with an
// installed terminal on the same machine.

/**
 * The OS keychain, or, only when asked (`npm start` passes --demo-without-keychain) and only when
 * there is no Secret Service, a throw-away in-memory keychain with data in a temporary folder.
 */
async function chooseKeychain(): Promise<{ keychain: Keychain; dataDir: string; demo: boolean }> {
  const keychain = createOsKeychain(process.env.NOPOS_KEYCHAIN_SERVICE ?? `${KEYCHAIN_SERVICE} (browser host)`);
  const dataDir = process.env.NOPOS_DATA_DIR ?? path.join(homedir(), '.nopos-terminal', 'browser-host');
  try {
    // Asked once: with no session bus at all, a second probe has been seen to answer (so a retry would
    // start without a Secret Service). The installed terminal's start-up retry is in openTerminalStorage.
    const log = (entry: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(redact(entry))}\n`);
    await probeKeychainPatiently(keychain, { log, retryForMs: 0 });
    return { keychain, dataDir, demo: false };
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError) || !process.argv.includes('--demo-without-keychain')) throw error;
    const demoDir = mkdtempSync(path.join(tmpdir(), 'nopos-demo-'));
    process.stdout.write(
      `No system keychain (Secret Service): running a throw-away demo terminal, keys in memory, data in ${demoDir}, all deleted when it stops.\n`,
    );
    return { keychain: createDemoKeychain(), dataDir: demoDir, demo: true };
  }
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function main(): Promise<void> {
  const distDir = path.resolve(__dirname, '..');
  const { version } = JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { version: string };
  const { keychain, dataDir, demo } = await chooseKeychain();
  const chromium = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  // Receipts become PDFs in <data dir>/receipts, rendered by the real Chromium; the drawer is simulated.
  const printer = createChromiumReceiptPrinter({
    folder: new ReceiptsFolder(path.join(dataDir, 'receipts')),
    ...(chromium ? { executablePath: chromium } : {}),
  });
  let terminal: RunningTerminal | null = null;
  const host = await startBrowserHost({
    rendererDir: path.join(distDir, 'renderer'),
    bridgeScriptPath: path.join(distDir, 'browser-host', 'bridge.js'),
    port: Number(process.env.NOPOS_BROWSER_HOST_PORT ?? 0),
    createCore: async (origin) => {
      // Development only: `npm start` points at the sandbox and trusts exactly its CA. The policy's
      // enrollmentCode is tried once and recorded as used, as in Electron.
      terminal = await startTerminal({
        dataDir,
        policyFile: process.env.NOPOS_POLICY_FILE ?? defaultPolicyPath(),
        keychain,
        argv: process.argv,
        appInfo: { productName: 'NoPOS Terminal', version, platform: process.platform, demo, ...(demo ? { demoDataDir: dataDir } : {}) },
        isTrustedSender: sameOriginSender(origin),
        devices: ({ now, log }) => ({ printer, drawer: new SimulatedCashDrawer({ now, log }) }),
        // No OS dialog here: "Import" takes the newest .csv/.json dropped in this folder.
        catalogFiles: folderFileChooser(process.env.NOPOS_CATALOG_IMPORT_DIR ?? path.join(dataDir, 'catalog-import')),
        // No save dialog either: customer exports land in this folder under a fresh name.
        customerExports: folderDestination(path.join(dataDir, 'exports', 'customers')),
        api: { baseUrl: process.env.NOPOS_API_BASE_URL, caFile: process.env.NOPOS_API_CA_FILE },
      });
      return {
        registry: terminal.core.registry,
        attachEvents: terminal.core.events.attach,
        customerDisplay: terminal.core.devices.customerDisplay,
      };
    },
  });

  const stop = () =>
    void Promise.all([host.close(), printer.close()]).then(() => {
      terminal?.stop();
      if (demo) rmSync(dataDir, { recursive: true, force: true });
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
    if ((terminal as RunningTerminal | null)?.storage.settings.current().values.devices.customerDisplay.kind === 'window') {
      spawn(chromium, [`--app=${host.customerDisplayUrl()}`, `--user-data-dir=${profile}-display`, '--no-first-run'], { stdio: 'ignore' });
    }
  } else {
    process.stdout.write(
      `NoPOS Terminal (browser host) is running. Open this URL once in Chromium (it works for one page):\n${host.newAppUrl()}\n`,
    );
    process.stdout.write(`Customer display (a second screen): ${host.customerDisplayUrl()}\n`);
  }
  // Each link opens one page: Enter here prints a fresh one (a second window, or after the first was closed).
  process.stdout.write('Press Enter here for a new link. Ctrl+C stops the terminal.\n');
  createInterface({ input: process.stdin }).on('line', () => process.stdout.write(`New link (works once):\n${host.newAppUrl()}\n`));
}

main().catch((error: unknown) => {
  // A start-up refusal is shown as written; anything else is shown redacted, so a developer can act on it.
  const text = StartupError.is(error)
    ? `${error.title}: ${error.message}`
    : `Browser host failed to start: ${JSON.stringify(redact(error))}`;
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
