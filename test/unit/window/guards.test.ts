import { describe, expect, it, vi } from 'vitest';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  guardNavigation,
  hardenSession,
  hardenWebContents,
  type GuardableWebContents,
} from '../../../electron/main/window/guards';
import { mainWindowOptions } from '../../../electron/main/window/window-options';

const prevented = () => {
  const event = { preventDefault: vi.fn() };
  return event;
};

describe('main window options', () => {
  const { webPreferences, minWidth, minHeight } = mainWindowOptions('/app/preload.cjs', { devTools: false });
  it('isolates and sandboxes the page with no Node anywhere', () => {
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
  it('fits the smallest supported checkout screen', () => {
    expect([minWidth, minHeight]).toEqual([1024, 768]);
  });
});

describe('navigation and window guards', () => {
  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'http://127.0.0.1:1/'])(
    'stops navigation to %s',
    (url) => {
      const event = prevented();
      guardNavigation(event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );

  it('allows navigation inside the app', () => {
    const event = prevented();
    guardNavigation(event, 'app://nopos/index.html');
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every new window, permission request and permission check', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'serial']) {
      denyPermissionRequest({}, permission, callback);
      expect(denyPermissionCheck()).toBe(false);
    }
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
  });

  it('attaches every guard to each new web contents', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents: GuardableWebContents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler) => {
        openHandler = handler;
      },
    } as GuardableWebContents;
    hardenWebContents(contents);
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    const webview = prevented();
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const redirect = prevented();
    listeners.get('will-redirect')!(redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(openHandler!({ url: 'app://nopos/index.html' })).toEqual({ action: 'deny' });
  });

  it('installs deny-all permission handlers on the session', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    hardenSession(session);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledWith(denyPermissionCheck);
  });
});
