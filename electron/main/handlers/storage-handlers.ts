import type { NoposContract } from '../../../shared/ipc/contract';
import type { TerminalStorage } from '../core/terminal-storage';
import type { Handlers } from '../ipc/registry';

export function createStorageHandlers(storage: TerminalStorage, now: () => Date): Handlers<NoposContract>['storage'] {
  return {
    rotateKey: async (_request, { actorId }) => {
      await storage.rotateDatabaseKey();
      storage.audit.record({ action: 'database.key_rotated', actorId });
      storage.securityLog.record({ type: 'storage.key_rotated' });
      return { rotatedAt: now().toISOString() };
    },
  };
}
