import { describe, expect, it } from 'vitest';
import {
  registerIpcHandlers,
  senderFromIpcEvent,
  webContentsEventSink,
  type IpcEventLike,
  type WebContentsLike,
} from '../../../electron/main/ipc/electron-ipc';
import { createEventPublisher } from '../../../electron/main/ipc/event-publisher';
import { createIpcRegistry } from '../../../electron/main/ipc/registry';
import { isAppProtocolSender } from '../../../electron/main/ipc/sender';
import { isAppUrl } from '../../../electron/main/window/app-assets';
import { gateGranting, testContract, testHandlers } from '../../support/test-contract';

function fakeContents(id: number, url: string): WebContentsLike & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return { id, mainFrame: { url }, getURL: () => url, isDestroyed: () => false, send: (c, p) => sent.push([c, p]), sent };
}

const registry = createIpcRegistry({
  contract: testContract,
  handlers: testHandlers,
  isTrustedSender: isAppProtocolSender,
  accessGate: gateGranting(),
  now: () => 0,
  log: () => {},
});

describe('Electron IPC wiring', () => {
  it('registers one prefixed ipcMain handler per contract channel and nothing else', () => {
    const registered: string[] = [];
    registerIpcHandlers({ handle: (channel) => void registered.push(channel) }, registry);
    expect(registered).toEqual(registry.channelNames.map((name) => `nopos:call:${name}`));
  });

  it('identifies the main frame of the app page as trusted, and a subframe or other page as not', async () => {
    const listeners = new Map<string, (event: IpcEventLike, payload: unknown) => Promise<unknown>>();
    registerIpcHandlers({ handle: (channel, listener) => void listeners.set(channel, listener) }, registry);
    const say = listeners.get('nopos:call:echo.say')!;
    const contents = fakeContents(7, 'app://nopos/index.html');

    const fromMain = { sender: contents, senderFrame: contents.mainFrame as { url: string } };
    expect(senderFromIpcEvent(fromMain)).toEqual({ id: 'wc-7', url: 'app://nopos/index.html', isMainFrame: true, authenticated: true });
    await expect(say(fromMain, { text: 'hi' })).resolves.toEqual({ ok: true, data: { text: 'hi' } });

    const fromSubframe = { sender: contents, senderFrame: { url: 'app://nopos/index.html' } };
    await expect(say(fromSubframe, { text: 'hi' })).resolves.toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });

    const remote = fakeContents(8, 'https://evil.example/');
    await expect(say({ sender: remote, senderFrame: remote.mainFrame as { url: string } }, { text: 'hi' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted_sender' },
    });

    await expect(say({ sender: contents, senderFrame: null }, { text: 'hi' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted_sender' },
    });
  });

  it('publishes validated events to app pages only', () => {
    const app = fakeContents(1, 'app://nopos/index.html');
    const other = fakeContents(2, 'https://example.com/');
    const events = createEventPublisher(testContract);
    events.attach(webContentsEventSink(() => [app, other], isAppUrl));
    events.publish('till', 'changed', { open: true });
    expect(app.sent).toEqual([['nopos:event:till.changed', { open: true }]]);
    expect(other.sent).toEqual([]);
    expect(() => events.publish('till', 'changed', { open: 'yes' } as never)).toThrow();
    expect(app.sent).toHaveLength(1);
  });

  it('stops delivering to a sink once it is detached', () => {
    const app = fakeContents(1, 'app://nopos/index.html');
    const events = createEventPublisher(testContract);
    const detach = events.attach(webContentsEventSink(() => [app], isAppUrl));
    detach();
    events.publish('till', 'changed', { open: false });
    expect(app.sent).toEqual([]);
  });
});
