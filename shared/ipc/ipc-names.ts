/** Electron IPC names, prefixed so nothing else registered on ipcMain can collide with ours. */
export const channelIpcName = (channel: string): string => `nopos:call:${channel}`;
export const eventIpcName = (event: string): string => `nopos:event:${event}`;
