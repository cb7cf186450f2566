import path from 'node:path';
import {
  app,
  autoUpdater as nativeUpdater,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  session,
  webContents,
  type Settings,
} from 'electron';
import type { CatalogFileChooser } from './catalog/import/catalog-import';
import type { ExportDestination } from './customers';
import { parseDeployCommand, writeEnrollmentCode } from './enrollment/install-code';
import { startTerminal, type RunningTerminal } from './core/start-terminal';
import { startUnsyncedMarker } from './deploy/start-unsynced-marker';
import { StartupError } from './errors/startup-error';
import { SimulatedCashDrawer } from './devices/cash-drawer';
import { selectCardReader } from './devices/card-reader-selection';
import { createElectronReceiptPrinter } from './devices/electron-receipt-printer';
import { showCustomerDisplayWindow } from './devices/electron-customer-display';
import { ReceiptsFolder } from './devices/receipts-folder';
import { registerIpcHandlers, webContentsEventSink } from './ipc/electron-ipc';
import { isAppProtocolSender } from './ipc/sender';
import { redact } from './logging/redact';
import { lockWithTheOs } from './os-lock/os-lock';
import { createOsKeychain } from './secrets/os-keychain';
import { sqliteNativeBinding } from './storage/native-binding';
import { relaunchOnFatal } from './kiosk/keep-alive';
import type { KioskHost } from './kiosk/kiosk-exit';
import { kioskDecision, kioskWindowHost, kioskWindowOptions, type KioskDecision } from './kiosk/kiosk-window';
import { applyStartAtLogin } from './kiosk/login-item';
import { watchPage } from './kiosk/page-watchdog';
import { defaultPolicyPath } from './settings/policy-file';
import { createUpdates } from './updates';
import { applicationMenuTemplate } from './window/app-menu';
import { APP_ENTRY_URL, APP_SCHEME, appProtocolResponse, isAppUrl } from './window/app-assets';
import { hardenSession, hardenWebContents } from './window/guards';
import { loadAppPage } from './window/page-loader';
import { mainWindowOptions } from './window/window-options';

// The thin Electron edge: lifecycle, the window, and wiring the host-independent core to ipcMain.

// Every renderer in a sandbox, whatever a window's options say; it only works before the app is ready.
app.enableSandbox();

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, '..', 'preload', 'index.cjs');
let mainWindow: BrowserWindow | null = null;
let terminal: RunningTerminal | null = null;
let kioskHost: KioskHost | null = null;
const windowLog = (entry: Record<string, unknown>) => terminal?.log(entry);

function setMenu(kiosk: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, { kiosk, developer: !app.isPackaged })));
}

function createMainWindow(kiosk: boolean): BrowserWindow {
  const options = mainWindowOptions(preloadPath, { devTools: !app.isPackaged });
  const window = new BrowserWindow(kiosk ? kioskWindowOptions(options) : options);
  if (kiosk) {
    // Leaving kiosk mode opens a framed window in its place: a window's frame is fixed at creation.
    const reopen = () => {
      setMenu(false);
      mainWindow = createMainWindow(false);
    };
    kioskHost = kioskWindowHost(window, { quit: { platform: process.platform, app, nativeUpdater }, reopen });
    watchPage(window, window.webContents, { log: windowLog, now: Date.now });
  }
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  loadAppPage(window, APP_ENTRY_URL, { log: windowLog });
  return window;
}

/** The admin's catalog import: the OS open dialog, over the terminal's window when there is one. */
const catalogFiles: CatalogFileChooser = {
  async choose() {
    const options: Electron.OpenDialogOptions = {
      title: 'Import catalog',
      properties: ['openFile'],
      filters: [{ name: 'Catalog (CSV or JSON)', extensions: ['csv', 'json'] }],
    };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};

/** A manager's customer data export: the OS save dialog picks where; the PDF goes beside the JSON. */
const customerExports: ExportDestination = {
  async choose(suggestedName) {
    const options: Electron.SaveDialogOptions = {
      title: 'Export customer data',
      defaultPath: suggestedName,
      filters: [{ name: 'Customer data (JSON, with a PDF beside it)', extensions: ['json'] }],
    };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, rendererDir));

  // Only an unpackaged (developer) build may point at another policy file.
  const policyFile = (!app.isPackaged && process.env.NOPOS_POLICY_FILE) || defaultPolicyPath();
  const dataDir = app.getPath('userData');
  let kiosk: KioskDecision = { active: false, startAtLogin: false };
  terminal = await startTerminal({
    dataDir,
    policyFile,
    keychain: createOsKeychain(),
    argv: process.argv,
    appInfo: { productName: 'NoPOS Terminal', version: app.getVersion(), platform: process.platform },
    isTrustedSender: isAppProtocolSender,
    // The drawer set up in Devices is kicked through the ESC/POS printer; this simulated one logs kicks while none is.
    devices: ({ now, log }) => ({
      // Test cards are for development only: an installed terminal uses a driver, or has no card tender.
      cardReader: selectCardReader(process.platform, [], { simulatedAllowed: !app.isPackaged }),
      printer: createElectronReceiptPrinter({ folder: new ReceiptsFolder(path.join(dataDir, 'receipts')), parent: () => mainWindow }),
      drawer: new SimulatedCashDrawer({ now, log }),
    }),
    catalogFiles,
    customerExports,
    kiosk: (machine) => {
      kiosk = kioskDecision(machine.kiosk, { packaged: app.isPackaged, explicitPolicyFile: policyFile !== defaultPolicyPath() });
      return kiosk.active ? { active: () => kioskHost?.active() ?? true, leave: () => kioskHost?.leave() } : undefined;
    },
    // A developer build may trust exactly one named CA (the sandbox's); a packaged one uses the system's.
    ...(!app.isPackaged ? { api: { baseUrl: process.env.NOPOS_API_BASE_URL, caFile: process.env.NOPOS_API_CA_FILE } } : {}),
    network: { osTrustStore: true, resolveProxy: (url) => session.defaultSession.resolveProxy(url) },
    ...nativeBindingOption(),
  });
  const { storage, sync, core, machine, log: appLog, shutdown } = terminal;
  const now = () => new Date();
  // For the uninstallers, which refuse while items wait (docs/deploying.md); counts only, no sale data.
  const marker = startUnsyncedMarker({ dataDir, sync, db: storage.db, now, log: appLog });
  shutdown.add('logs', 'unsynced-marker', marker.stop);
  registerIpcHandlers(ipcMain, core.registry);
  core.events.attach(webContentsEventSink(() => webContents.getAllWebContents(), isAppUrl));
  app.on(
    'will-quit',
    showCustomerDisplayWindow(core.devices.customerDisplay, () => storage.settings.current().values.devices.customerDisplay),
  );
  const osLock = lockWithTheOs({
    platform: process.platform,
    powerMonitor,
    lock: () => core.session.lock('os_lock'),
    log: appLog,
    env: process.env,
  });
  shutdown.add('timers', 'os-lock', osLock.stop);
  setMenu(kiosk.active);
  if (kiosk.active) relaunchOnFatal(process, app, process.argv, { log: appLog, now: Date.now, env: process.env });
  if (app.isPackaged) {
    // Linux has no login items in Electron (darwin,win32 only): an XDG autostart entry instead.
    const setLoginItemSettings = process.platform === 'linux' ? null : (s: Settings) => app.setLoginItemSettings(s);
    applyStartAtLogin(kiosk.startAtLogin, {
      platform: process.platform,
      env: process.env,
      executable: app.getPath('exe'),
      setLoginItemSettings,
    });
    const outbox = storage.outbox;
    const register = core.register;
    const updates = createUpdates({
      policy: machine.updates,
      currentVersion: app.getVersion(),
      blockers: {
        pendingSyncCount: () => outbox.pendingCount(),
        saleOpen: () => register.cart.openWorkOwner() !== null,
        // Between shifts the queue may wait for after the update: it is kept in the database.
        atShiftClose: () => register.shifts.current() === null,
      },
      log: appLog,
      now,
      platform: process.platform,
      env: process.env,
      executable: app.getPath('exe'),
      app,
    });
    if (updates.start()) shutdown.add('timers', 'updates', updates.stop);
  }
  mainWindow = createMainWindow(kiosk.active);
}

/** A development run in Electron loads better-sqlite3 built for Electron's ABI (see scripts/start.mjs). */
function nativeBindingOption(): { nativeBinding?: string } {
  const electronAbi = process.versions.electron ? process.versions.modules : undefined;
  const nativeBinding = sqliteNativeBinding({ electronAbi, packaged: app.isPackaged, appPath: app.getAppPath() });
  return nativeBinding ? { nativeBinding } : {};
}

function refuseToStart(error: unknown): void {
  const [title, message] = StartupError.is(error)
    ? [error.title, error.message]
    : [
        'NoPOS Terminal could not start',
        'An unexpected error stopped the terminal. Nothing was deleted. Start it again; if it keeps happening, call NoPOS support.',
      ];
  process.stderr.write(`${title}: ${message}\n`);
  if (!StartupError.is(error)) process.stderr.write(`${JSON.stringify(redact(error))}\n`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

const deployCommand = parseDeployCommand(process.argv);
if (deployCommand) {
  // Run by the installer (elevated) to put the enrollment code into the machine policy; no window.
  const result = writeEnrollmentCode((!app.isPackaged && process.env.NOPOS_POLICY_FILE) || defaultPolicyPath(), deployCommand.code);
  process.stdout.write(`${result.message}\n`);
  app.exit(result.exitCode);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => terminal?.stop());
  app.whenReady().then(start).catch(refuseToStart);
}
