import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { DeviceTester } from './device-tester';
import type { DeviceMonitor } from './device-monitor';
import type { SerialScale } from './scale/serial-scale';
import type { ScaleReadings } from './scale/weighed-by-scale';

export function createDevicesHandlers(deps: {
  monitor: DeviceMonitor;
  refresh: () => Promise<void>;
  tester: DeviceTester;
  scale: SerialScale;
  readings: ScaleReadings;
}): Handlers<NoposContract>['devices'] {
  return {
    status: async ({ refresh }) => {
      if (refresh) await deps.refresh();
      return deps.monitor.status();
    },
    test: ({ device }, { actorId }) => deps.tester.test(device, actorId),
    weigh: async ({ command }) => {
      if (command === 'zero' || command === 'tare') return deps.scale.command(command);
      const reading = await deps.scale.weigh();
      // The weight the register may now take without an override (once, for two minutes).
      if (reading.ok) deps.readings.record(reading.grams);
      return reading;
    },
  };
}
