import { EventEmitter } from 'node:events';
import type {
  App,
  AutoUpdater,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  Display,
  IpcMain,
  MenuItem,
  MenuItemConstructorOptions,
  Protocol,
  Session,
  WebContents,
} from 'electron';

// A recording fake of the `electron` module for loading electron/main/index.ts under Node. Every member
// is typed against the installed electron.d.ts (Pick<…> of Electron's own types), behaves as Electron
// documents it (events with several listeners, app.quit() closing windows and stopping when one refuses,
// loadURL rejecting with Chromium's error codes), and test/unit/electron/electron-api.test.ts checks that
// it has every member the main process uses.

/** Chromium's net error as Electron rejects loadURL with it. */
export function loadError(code: 'ERR_FAILED' | 'ERR_ABORTED', errno: number): Error {
  return Object.assign(new Error(`${code} (${errno}) loading 'app://nopos/index.html'`), { code, errno, url: 'app://nopos/index.html' });
}

export class FakeWebContents
  extends EventEmitter
  implements Pick<WebContents, 'reload' | 'forcefullyCrashRenderer' | 'print' | 'printToPDF' | 'isDestroyed'>
{
  reloads = 0;
  reload(): void {
    this.reloads++;
  }
  forcefullyCrashRenderer(): void {}
  print(_options?: Electron.WebContentsPrintOptions, callback?: (success: boolean, failureReason: string) => void): void {
    callback?.(true, '');
  }
  printToPDF(): Promise<Buffer> {
    return Promise.resolve(Buffer.from('%PDF-1.4 fake'));
  }
  isDestroyed(): boolean {
    return false;
  }
}

export interface FakeElectronState {
  windows: FakeBrowserWindow[];
  /** Each window's loadURL answers in turn from here; empty: it loads. */
  loadAnswers: (Error | null)[];
  menus: (FakeMenu | null)[];
  loginItems: Electron.Settings[];
  relaunches: Electron.RelaunchOptions[];
  exitCode: number | null;
  quitCalls: number;
  errorBoxes: [string, string][];
  privileged: Electron.CustomScheme[];
  protocolHandlers: Map<string, (request: GlobalRequest) => Response | Promise<Response>>;
  ipc: Map<string, unknown>;
  session: { permissionRequest?: unknown; permissionCheck?: unknown; device?: unknown };
  paths: Record<string, string>;
  appPath: string;
  singleInstanceLock: boolean;
  lockReleased: number;
}

export class FakeMenu {
  constructor(readonly template: (MenuItemConstructorOptions | MenuItem)[]) {}
}

export class FakeBrowserWindow
  extends EventEmitter
  implements
    Pick<
      BrowserWindow,
      'loadURL' | 'isDestroyed' | 'destroy' | 'close' | 'show' | 'focus' | 'isMinimized' | 'restore' | 'isAlwaysOnTop' | 'setAlwaysOnTop'
    >
{
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  onTop: boolean;

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly electron: FakeElectron,
  ) {
    super();
    this.onTop = options.alwaysOnTop ?? false;
    electron.state.windows.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    const answer = this.electron.state.loadAnswers.shift() ?? null;
    return answer ? Promise.reject(answer) : Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
    this.electron.windowGone();
  }
  /** As Electron: `close` may be refused with preventDefault; otherwise the window goes. */
  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  show(): void {}
  focus(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isAlwaysOnTop(): boolean {
    return this.onTop;
  }
  setAlwaysOnTop(flag: boolean): void {
    this.onTop = flag;
  }
}

export class FakeApp
  extends EventEmitter
  implements
    Pick<
      App,
      | 'isPackaged'
      | 'enableSandbox'
      | 'getVersion'
      | 'requestSingleInstanceLock'
      | 'releaseSingleInstanceLock'
      | 'quit'
      | 'exit'
      | 'relaunch'
      | 'getPath'
      | 'getAppPath'
      | 'setLoginItemSettings'
      | 'whenReady'
    >
{
  isPackaged = true;
  constructor(private readonly electron: FakeElectron) {
    super();
  }
  enableSandbox(): void {}
  getVersion(): string {
    return '1.2.3';
  }
  requestSingleInstanceLock(): boolean {
    return this.electron.state.singleInstanceLock;
  }
  releaseSingleInstanceLock(): void {
    this.electron.state.lockReleased++;
  }
  /** As Electron: before-quit, then every window is asked to close; one that refuses cancels the quit. */
  quit(): void {
    this.electron.state.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.electron.closeAllWindows();
    if (this.electron.state.windows.some((w) => !w.destroyed)) return;
    this.emit('will-quit', { preventDefault: () => undefined });
    this.emit('quit');
  }
  exit(exitCode?: number): void {
    this.electron.state.exitCode = exitCode ?? 0;
  }
  relaunch(options?: Electron.RelaunchOptions): void {
    this.electron.state.relaunches.push(options ?? {});
  }
  getPath(name: Parameters<App['getPath']>[0]): string {
    return this.electron.state.paths[name] ?? '';
  }
  getAppPath(): string {
    return this.electron.state.appPath;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.electron.state.loginItems.push(settings);
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
}

/** Electron's own autoUpdater (Squirrel): on macOS quitAndInstall closes every window with no before-quit first. */
export class FakeAutoUpdater extends EventEmitter implements Pick<AutoUpdater, 'quitAndInstall'> {
  constructor(private readonly electron: FakeElectron) {
    super();
  }
  quitAndInstall(): void {
    this.emit('before-quit-for-update');
    this.electron.closeAllWindows();
    if (this.electron.state.windows.every((w) => w.destroyed)) this.electron.app.quit();
  }
}

function freshState(): FakeElectronState {
  return {
    windows: [],
    loadAnswers: [],
    menus: [],
    loginItems: [],
    relaunches: [],
    exitCode: null,
    quitCalls: 0,
    errorBoxes: [],
    privileged: [],
    protocolHandlers: new Map(),
    ipc: new Map(),
    session: {},
    paths: {},
    appPath: '',
    singleInstanceLock: true,
    lockReleased: 0,
  };
}

export class FakeElectron {
  readonly state: FakeElectronState = freshState();
  readonly app = new FakeApp(this);
  readonly autoUpdater = new FakeAutoUpdater(this);
  readonly powerMonitor = new EventEmitter();

  /** Back to a fresh start, keeping the objects (a mocked module is built once per test file). */
  reset(): void {
    Object.assign(this.state, freshState());
    for (const emitter of [this.app, this.autoUpdater, this.powerMonitor]) emitter.removeAllListeners();
    this.app.isPackaged = true;
  }

  closeAllWindows(): void {
    for (const window of [...this.state.windows]) window.close();
  }

  windowGone(): void {
    if (this.state.windows.every((w) => w.destroyed)) this.app.emit('window-all-closed');
  }

  /** The module as `vi.mock('electron', …)` returns it. */
  module() {
    const electron = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const state = this.state;
    const dialog: Pick<Dialog, 'showErrorBox' | 'showOpenDialog' | 'showSaveDialog'> = {
      showErrorBox: (title, content) => void state.errorBoxes.push([title, content]),
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
    };
    const ipcMain: Pick<IpcMain, 'handle'> = {
      handle: (channel, listener) => void state.ipc.set(channel, listener),
    };
    const protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> = {
      registerSchemesAsPrivileged: (schemes) => void state.privileged.push(...schemes),
      handle: (scheme, handler) => void state.protocolHandlers.set(scheme, handler),
    };
    const defaultSession: Pick<
      Session,
      'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'resolveProxy'
    > = {
      resolveProxy: () => Promise.resolve('DIRECT'),
      setPermissionRequestHandler: (handler) => void (state.session.permissionRequest = handler),
      setPermissionCheckHandler: (handler) => void (state.session.permissionCheck = handler),
      setDevicePermissionHandler: (handler) => void (state.session.device = handler),
    };
    const primaryDisplay: Pick<Display, 'bounds'> = { bounds: { x: 0, y: 0, width: 1366, height: 768 } };
    class BrowserWindowClass extends FakeBrowserWindow {
      constructor(options: BrowserWindowConstructorOptions = {}) {
        super(options, electron);
      }
    }
    return {
      app: this.app,
      autoUpdater: this.autoUpdater,
      BrowserWindow: BrowserWindowClass,
      Menu: {
        buildFromTemplate: (template: (MenuItemConstructorOptions | MenuItem)[]) => new FakeMenu(template),
        setApplicationMenu: (menu: FakeMenu | null) => void state.menus.push(menu),
      },
      powerMonitor: this.powerMonitor,
      dialog,
      ipcMain,
      protocol,
      session: { defaultSession },
      webContents: { getAllWebContents: (): WebContents[] => [] },
      screen: {
        getAllDisplays: (): Pick<Display, 'bounds'>[] => [primaryDisplay],
        getPrimaryDisplay: (): Pick<Display, 'bounds'> => primaryDisplay,
      },
    };
  }
}
