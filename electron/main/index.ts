import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, webContents } from 'electron';
import { createAppCore } from './core/app-core';
import { StartupError } from './core/startup-error';
import { openTerminalStorage, type TerminalStorage } from './core/terminal-storage';
import { registerIpcHandlers, webContentsEventSink } from './ipc/electron-ipc';
import { isAppProtocolSender } from './ipc/sender';
import { redact } from './logging/redact';
import { createOsKeychain } from './secrets/os-keychain';
import { defaultPolicyPath } from './settings/policy-file';
import { APP_ENTRY_URL, APP_SCHEME, appProtocolResponse, isAppUrl } from './window/app-assets';
import { hardenSession, hardenWebContents } from './window/guards';
import { mainWindowOptions } from './window/window-options';

// The thin Electron edge: lifecycle, the window, and wiring the host-independent core to ipcMain.

// Every renderer in a sandbox, whatever a window's options say; it only works before the app is ready.
app.enableSandbox();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, '..', 'preload', 'index.cjs');
let mainWindow: BrowserWindow | null = null;
let storage: TerminalStorage | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, { devTools: !app.isPackaged }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, rendererDir));

  const now = () => new Date();
  // Only an unpackaged (developer) build may point at another policy file.
  const policyFile = (!app.isPackaged && process.env.NOPOS_POLICY_FILE) || defaultPolicyPath();
  storage = await openTerminalStorage({ dataDir: app.getPath('userData'), policyFile, keychain: createOsKeychain(), now });
  const core = createAppCore({
    appInfo: { productName: 'NoPOS Terminal', version: app.getVersion(), platform: process.platform, startedAt: now() },
    now,
    storage,
    isTrustedSender: isAppProtocolSender,
  });
  registerIpcHandlers(ipcMain, core.registry);
  core.events.attach(webContentsEventSink(() => webContents.getAllWebContents(), isAppUrl));
  const stopTimers = core.startTimers();
  app.on('will-quit', stopTimers);
  // Walking away from a locked or sleeping PC must not leave a till signed in.
  powerMonitor.on('lock-screen', () => core.session.lock('os_lock'));
  powerMonitor.on('suspend', () => core.session.lock('os_lock'));
  mainWindow = createMainWindow();
}

function refuseToStart(error: unknown): void {
  const [title, message] =
    StartupError.is(error)
      ? [error.title, error.message]
      : ['NoPOS Terminal could not start', 'An unexpected error stopped the terminal. Nothing was deleted. Start it again; if it keeps happening, call NoPOS support.'];
  process.stderr.write(`${title}: ${message}\n`);
  if (!(StartupError.is(error))) process.stderr.write(`${JSON.stringify(redact(error))}\n`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => storage?.close());
  app.whenReady().then(start).catch(refuseToStart);
}
