import { BrowserWindow, screen } from 'electron';
import type { CustomerDisplaySettings } from '../../../shared/domain/devices';
import { denyWindowOpen, type GuardableWebContents } from '../window/guards';
import type { CustomerDisplay } from './customer-display/customer-display';
import { customerDisplayPage } from './customer-display/display-html';
import type { CustomerDisplayView } from './customer-display/display-view';

// The thin Electron edge of the customer display: a frameless window on the chosen screen, sandboxed,
// with no preload and no script at all. Main renders each view to a page (customerDisplayPage) and
// loads it; the newest view wins, so a slow load never builds a backlog.

export function showCustomerDisplayWindow(display: CustomerDisplay, settings: () => CustomerDisplaySettings): () => void {
  const wanted = settings();
  if (wanted.kind !== 'window') return () => undefined;
  const displays = screen.getAllDisplays();
  const target = displays[wanted.screen - 1] ?? displays[displays.length - 1] ?? screen.getPrimaryDisplay();
  const window = new BrowserWindow({
    ...target.bounds,
    frame: false,
    focusable: false,
    fullscreen: displays.length > 1,
    backgroundColor: '#0b1f33',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      spellcheck: false,
      devTools: false,
    },
  });
  const contents: GuardableWebContents = window.webContents;
  contents.setWindowOpenHandler(denyWindowOpen);
  contents.on('will-navigate', (event) => event.preventDefault());
  let loading = false;
  let next: CustomerDisplayView | null = null;
  const drain = async () => {
    loading = true;
    while (next && !window.isDestroyed()) {
      const view = next;
      next = null;
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(customerDisplayPage(view))}`).catch(() => undefined);
    }
    loading = false;
  };
  const off = display.subscribe((view) => {
    next = view;
    if (!loading) void drain();
  });
  return () => {
    off();
    if (!window.isDestroyed()) window.destroy();
  };
}
