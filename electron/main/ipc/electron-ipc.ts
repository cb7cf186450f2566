import { channelIpcName, eventIpcName } from '../../../shared/ipc/ipc-names';
import type { EventSink } from './event-publisher';
import type { IpcRegistry } from './registry';
import type { SenderContext } from './sender';

/** The parts of Electron's IPC objects this module touches, so it runs and is tested under plain Node. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload: unknown) => Promise<unknown>): void;
}

export interface WebContentsLike {
  id: number;
  mainFrame: unknown;
  getURL(): string;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export interface IpcEventLike {
  sender: WebContentsLike;
  senderFrame: { url: string } | null;
}

export function senderFromIpcEvent(event: IpcEventLike): SenderContext {
  const frame = event.senderFrame;
  return {
    id: `wc-${event.sender.id}`,
    url: frame ? frame.url : null,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
    authenticated: true,
  };
}

/** One `ipcMain.handle` per channel: a name outside the contract has no handler at all. */
export function registerIpcHandlers(ipcMain: IpcMainLike, registry: IpcRegistry): void {
  for (const name of registry.channelNames) {
    ipcMain.handle(channelIpcName(name), (event, payload) => registry.dispatch(name, payload, senderFromIpcEvent(event)));
  }
}

/** Sends events only to pages that are our own app page right now. */
export function webContentsEventSink(allWebContents: () => WebContentsLike[], isAppPage: (url: string) => boolean): EventSink {
  return (name, payload) => {
    for (const contents of allWebContents()) {
      if (!contents.isDestroyed() && isAppPage(contents.getURL())) contents.send(eventIpcName(name), payload);
    }
  };
}
