import { contract, type NoposContract } from '../../../shared/ipc/contract';
import { createHandlers, type HandlerDeps } from '../handlers';
import { signedOutGate, type AccessGate } from '../ipc/access-gate';
import { createEventPublisher, type EventPublisher } from '../ipc/event-publisher';
import { createIpcRegistry, type IpcLogEntry, type IpcRegistry } from '../ipc/registry';
import type { SenderCheck } from '../ipc/sender';

export interface AppCoreDeps extends HandlerDeps {
  isTrustedSender: SenderCheck;
  log: (entry: IpcLogEntry) => void;
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
    log: deps.log,
  });
  return { registry, events: createEventPublisher(contract) };
}
