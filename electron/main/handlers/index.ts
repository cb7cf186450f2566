import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { createAppHandlers, type AppInfo } from './app-handlers';

export interface HandlerDeps {
  appInfo: AppInfo;
  now: () => Date;
}

/** One entry per contract area; TypeScript fails here when a channel has no handler. */
export function createHandlers(deps: HandlerDeps): Handlers<NoposContract> {
  return {
    app: createAppHandlers(deps.appInfo, deps.now),
  };
}
