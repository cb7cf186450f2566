import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { staffOf } from '../ipc/staff-of';
import type { PassphraseChanges } from './passphrase-changes';
import type { SessionService } from './session-service';
import type { StaffRepository } from './staff-repository';
import type { StaffService } from './staff-service';

export function createStaffHandlers(
  staff: StaffRepository,
  service: StaffService,
  session: SessionService,
  passphrases: PassphraseChanges,
): Handlers<NoposContract>['staff'] {
  return {
    list: () => staff.list({ includeInactive: false }),
    listAll: () => staff.list({ includeInactive: true }),
    setupFirstAdmin: async ({ name, pin }) => {
      session.start(await service.setupFirstAdmin(name, pin));
      return session.view();
    },
    create: (input, { actorId }) => service.create(input, actorId),
    update: (input, { actorId }) => service.update(input, actorId),
    resetPin: (input, { actorId }) => service.resetPin(input, actorId),
    changePassphrase: async ({ current, next }, context) => (await passphrases.change(staffOf(context), current, next), null),
    resetPassphrase: ({ id }, context) => (passphrases.reset(id, staffOf(context)), null),
    setActive: (input, { actorId }) => {
      const result = service.setActive(input, actorId);
      // Whatever session they hold, even a locked one, ends now rather than at their next call.
      if (!result.active) session.endFor(result.id, 'deactivated');
      return result;
    },
  };
}
