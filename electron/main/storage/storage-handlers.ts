import type { NoposContract } from '../../../shared/ipc/contract';
import type { KeyRotation } from './key-rotation';
import type { Handlers } from '../ipc/registry';

export function createStorageHandlers(storage: KeyRotation, now: () => Date): Handlers<NoposContract>['storage'] {
  return {
    rotateKey: async (_request, { actorId }) => {
      await storage.rotateDatabaseKey();
      storage.audit.record({ action: 'database.key_rotated', actorId });
      storage.securityLog.record({ type: 'storage.key_rotated' });
      return { rotatedAt: now().toISOString() };
    },
  };
}
