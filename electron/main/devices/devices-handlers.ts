import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { DeviceTester } from './device-tester';
import type { DeviceMonitor } from './device-monitor';
import type { SerialScale } from './scale/serial-scale';

export function createDevicesHandlers(deps: { monitor: DeviceMonitor; refresh: () => Promise<void>; tester: DeviceTester; scale: SerialScale }): Handlers<NoposContract>['devices'] {
  return {
    status: async ({ refresh }) => {
      if (refresh) await deps.refresh();
      return deps.monitor.status();
    },
    test: ({ device }, { actorId }) => deps.tester.test(device, actorId),
    weigh: ({ command }) => (command === 'zero' || command === 'tare' ? deps.scale.command(command) : deps.scale.weigh()),
  };
}
