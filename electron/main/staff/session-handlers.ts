import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { SessionService } from './session-service';

export function createSessionHandlers(session: SessionService): Handlers<NoposContract>['session'] {
  return {
    get: () => session.view(),
    signIn: ({ staffId, pin, passphrase }) => session.signIn(staffId, pin, passphrase),
    signOut: () => session.signOut('manual'),
    lock: () => session.lock('manual'),
    activity: () => {
      session.activity();
      return null;
    },
  };
}
