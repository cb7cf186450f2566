import { createAppCore, type AppCore, type AppCoreDeps } from '../../electron/main/core/app-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import type { TerminalSyncOptions } from '../../electron/main/core/terminal-sync';
import { isAppProtocolSender } from '../../electron/main/ipc/sender';
import type { Sync } from '../../electron/main/sync';

/**
 * The core over `storage` with sync built inside it from `sync`'s options, as the terminal builds it: for
 * tests and runners that drive sync (and its pulls into the catalog and staff) without a host.
 */
export function coreWithSync(
  storage: TerminalStorage,
  sync: TerminalSyncOptions,
  deps: Partial<Omit<AppCoreDeps, 'storage' | 'sync'>> = {},
): AppCore & { sync: Sync } {
  const now = deps.now ?? (() => new Date());
  const core = createAppCore({
    appInfo: { productName: 'NoPOS Terminal', version: '1.0.0', platform: 'linux', startedAt: now() },
    isTrustedSender: isAppProtocolSender,
    ...deps,
    now,
    storage,
    sync,
  });
  return core as AppCore & { sync: Sync };
}
