import { contextBridge, ipcRenderer } from 'electron';
import { contract } from '../../shared/ipc/contract';
import { contractNames } from '../../shared/ipc/contract-kit';
import { buildBridge } from '../../shared/ipc/bridge';
import { channelIpcName, eventIpcName } from '../../shared/ipc/ipc-names';

// The page gets these functions and nothing else: no ipcRenderer, no generic send, and
// listeners receive the payload without Electron's event object.
contextBridge.exposeInMainWorld(
  'nopos',
  buildBridge(contractNames(contract), {
    invoke: (channel, payload) => ipcRenderer.invoke(channelIpcName(channel), payload),
    subscribe: (event, listener) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(eventIpcName(event), forward);
      return () => {
        ipcRenderer.removeListener(eventIpcName(event), forward);
      };
    },
  }),
);
