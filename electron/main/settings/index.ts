import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { createSettingsHandlers } from './settings-handlers';
import type { SettingsService } from './settings-service';

// The settings area's face: the terminal's settings under the machine policy (opened with storage,
// since every area reads them), and the channels an admin changes them through.
export type { SettingsService } from './settings-service';

export interface SettingsArea {
  handlers: Pick<Handlers<NoposContract>, 'settings'>;
}

export function createSettings(ports: { settings: SettingsService }): SettingsArea {
  return { handlers: { settings: createSettingsHandlers(ports.settings) } };
}
