import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { SettingsService } from './settings-service';

export function createSettingsHandlers(settings: SettingsService): Handlers<NoposContract>['settings'] {
  return {
    get: () => settings.current(),
    update: (patch, { actorId }) => settings.update(patch, actorId),
  };
}
