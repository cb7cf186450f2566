import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { KioskExit } from './kiosk-exit';

export function createKioskHandlers(kiosk: KioskExit): Handlers<NoposContract>['kiosk'] {
  return {
    status: () => ({ active: kiosk.active() }),
    exit: ({ pin }, { actorId }) => kiosk.exit(actorId, pin),
  };
}
