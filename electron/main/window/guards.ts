import { isAppUrl } from './app-assets';

/** Structural slices of Electron's types: the guards run and are tested without Electron. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardableWebContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardableSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/** Navigation inside the app (app://nopos/…) is fine; anything else is stopped. */
export function guardNavigation(event: PreventableEvent, url: string): void {
  if (!isAppUrl(url)) event.preventDefault();
}

/** The terminal never opens windows or external links from the page. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

export function refuseWebview(event: PreventableEvent): void {
  event.preventDefault();
}

export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

export function hardenWebContents(contents: GuardableWebContents): void {
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', refuseWebview);
  contents.setWindowOpenHandler(denyWindowOpen);
}

export function hardenSession(session: GuardableSession): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyPermissionCheck);
}
