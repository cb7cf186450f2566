import { isEscPos, type PrinterSettings } from '../../../../shared/domain/devices';
import { openSerialLink } from './serial-link';
import { openTcpLink } from './tcp-link';
import { openUsbFileLink } from './usb-file-link';
import { DeviceIoError, type DeviceLink } from './printer-link';

export { isEscPos };

/** Opens the link the printer settings describe; a connection without its address is `not_set_up`. */
export function openPrinterLink(printer: PrinterSettings, connectTimeoutMs: number): Promise<DeviceLink> {
  switch (printer.connection) {
    case 'tcp':
      if (!printer.host) break;
      return openTcpLink(printer.host, printer.port, connectTimeoutMs);
    case 'serial':
      if (!printer.serialPath) break;
      return openSerialLink({ path: printer.serialPath, baudRate: printer.baudRate }, connectTimeoutMs);
    case 'usb':
      if (!printer.usbPath) break;
      return openUsbFileLink(printer.usbPath, connectTimeoutMs);
    default:
      break;
  }
  return Promise.reject(new DeviceIoError('not_set_up', 'no ESC/POS address'));
}
