import { contract, type NoposContract } from '../../../shared/ipc/contract';
import { createHandlers, type HandlerDeps } from '../handlers';
import { signedOutGate, type AccessGate } from '../ipc/access-gate';
import { createEventPublisher, type EventPublisher } from '../ipc/event-publisher';
import { createIpcRegistry, type IpcRegistry } from '../ipc/registry';
import type { SenderCheck } from '../ipc/sender';
import { ipcLogSink } from '../logging/security-log';

export interface AppCoreDeps extends HandlerDeps {
  isTrustedSender: SenderCheck;
  accessGate?: AccessGate;
}

export interface AppCore {
  registry: IpcRegistry;
  events: EventPublisher<NoposContract>;
}

/**
 * Everything the terminal does, independent of the host. Electron's main process and the
 * browser host both build this and differ only in how calls reach `registry.dispatch`.
 */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const registry = createIpcRegistry({
    contract,
    handlers: createHandlers(deps),
    isTrustedSender: deps.isTrustedSender,
    accessGate: deps.accessGate ?? signedOutGate,
    now: () => deps.now().getTime(),
    log: ipcLogSink(deps.storage.securityLog, deps.storage.appLog),
  });
  return { registry, events: createEventPublisher(contract) };
}
