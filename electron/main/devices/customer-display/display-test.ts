import type { CustomerDisplaySettings, DeviceTestResult } from '../../../../shared/domain/devices';
import { openSerialLink } from '../links/serial-link';
import type { CustomerDisplay } from './customer-display';
import { poleBytes } from './pole-display';

const HELLO_MS = 5_000;

/** The settings screen's test: "Hello" on the display for a few seconds, then back to what it showed. */
export async function sayHello(settings: CustomerDisplaySettings, display: CustomerDisplay, storeName: string): Promise<DeviceTestResult> {
  if (settings.kind === 'none') return { ok: false, message: 'No customer display is set up.' };
  if (settings.kind === 'pole') {
    if (!settings.serialPath) return { ok: false, message: 'The pole display has no serial port set.' };
    try {
      const link = await openSerialLink({ path: settings.serialPath, baudRate: settings.baudRate }, 1_000);
      try {
        await link.write(poleBytes(['       Hello        ', storeName.slice(0, 20).padEnd(20)]), 1_000);
      } finally {
        link.close();
      }
    } catch {
      return { ok: false, message: 'The pole display does not answer: check its serial port, cable and power.' };
    }
    const back = display.current;
    setTimeout(() => display.show(back), HELLO_MS).unref();
    return { ok: true, message: '“Hello” was sent to the pole display.' };
  }
  const back = display.current;
  display.show({ phase: 'idle', storeName: `Hello from ${storeName}` });
  setTimeout(() => display.show(back), HELLO_MS).unref();
  return { ok: true, message: '“Hello” shows on the customer screen for 5 seconds.' };
}
