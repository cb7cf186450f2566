import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, session, webContents } from 'electron';
import { createAppCore } from './core/app-core';
import { registerIpcHandlers, webContentsEventSink } from './ipc/electron-ipc';
import { isAppProtocolSender } from './ipc/sender';
import { jsonLineLogger } from './logging/json-lines';
import { APP_ENTRY_URL, APP_SCHEME, appProtocolResponse, isAppUrl } from './window/app-assets';
import { hardenSession, hardenWebContents } from './window/guards';
import { mainWindowOptions } from './window/window-options';

// The thin Electron edge: lifecycle, the window, and wiring the host-independent core to ipcMain.

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, '..', 'preload', 'index.cjs');
let mainWindow: BrowserWindow | null = null;

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

  const log = jsonLineLogger((line) => process.stderr.write(line), () => new Date());
  const core = createAppCore({
    appInfo: { productName: 'NoPOS Terminal', version: app.getVersion(), platform: process.platform, startedAt: new Date() },
    now: () => new Date(),
    isTrustedSender: isAppProtocolSender,
    log,
  });
  registerIpcHandlers(ipcMain, core.registry);
  core.events.attach(webContentsEventSink(() => webContents.getAllWebContents(), isAppUrl));
  mainWindow = createMainWindow();
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
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      process.stderr.write(`NoPOS Terminal failed to start: ${error instanceof Error ? error.message : 'unknown error'}\n`);
      app.exit(1);
    });
}
