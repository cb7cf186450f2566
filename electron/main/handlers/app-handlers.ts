import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';

export interface AppInfo {
  productName: string;
  version: string;
  platform: NodeJS.Platform;
  startedAt: Date;
}

const KNOWN_PLATFORMS = new Set(['linux', 'darwin', 'win32']);

export function createAppHandlers(info: AppInfo, now: () => Date): Handlers<NoposContract>['app'] {
  return {
    getStatus: () => ({
      productName: info.productName,
      version: info.version,
      platform: KNOWN_PLATFORMS.has(info.platform) ? (info.platform as 'linux' | 'darwin' | 'win32') : 'other',
      startedAt: info.startedAt.toISOString(),
      now: now().toISOString(),
    }),
  };
}
