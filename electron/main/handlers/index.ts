import type { NoposContract } from '../../../shared/ipc/contract';
import type { TerminalStorage } from '../core/terminal-storage';
import type { Handlers } from '../ipc/registry';
import { createAppHandlers, type AppInfo } from './app-handlers';
import { createAuditHandlers } from './audit-handlers';
import { createSettingsHandlers } from './settings-handlers';

export interface HandlerDeps {
  appInfo: AppInfo;
  now: () => Date;
  storage: TerminalStorage;
}

/** One entry per contract area; TypeScript fails here when a channel has no handler. */
export function createHandlers(deps: HandlerDeps): Handlers<NoposContract> {
  return {
    app: createAppHandlers(deps.appInfo, deps.now),
    settings: createSettingsHandlers(deps.storage.settings),
    audit: createAuditHandlers(deps.storage.audit),
  };
}
