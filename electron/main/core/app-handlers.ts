import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { DiskState } from '../storage/disk-space';

export interface AppInfo {
  productName: string;
  version: string;
  platform: NodeJS.Platform;
  startedAt: Date;
  /** Only the browser host sets this, when it runs on its throw-away in-memory keychain. */
  demo?: boolean;
  /** The demo terminal's temporary data folder, shown so a developer knows where to look. */
  demoDataDir?: string;
}

const KNOWN_PLATFORMS = new Set(['linux', 'darwin', 'win32']);

export function createAppHandlers(info: AppInfo, now: () => Date, disk: () => DiskState): Handlers<NoposContract>['app'] {
  return {
    getStatus: () => ({
      productName: info.productName,
      version: info.version,
      platform: KNOWN_PLATFORMS.has(info.platform) ? (info.platform as 'linux' | 'darwin' | 'win32') : 'other',
      startedAt: info.startedAt.toISOString(),
      now: now().toISOString(),
      demo: info.demo === true,
      disk: disk(),
      demoDataDir: info.demo === true ? (info.demoDataDir ?? null) : null,
    }),
  };
}
