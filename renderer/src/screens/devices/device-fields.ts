import type { DeviceSettings } from '../../../../shared/domain/devices';

export type DeviceName = keyof DeviceSettings;

export interface DeviceField {
  key: string;
  label: string;
  /** A select's options; numeric ones are stored as numbers. */
  options?: readonly { value: string; label: string }[];
  numeric?: boolean;
  help?: string;
  /** Shown only while the device's connection (or kind) is one of these. */
  when?: readonly string[];
}

export interface DeviceForm {
  device: DeviceName;
  title: string;
  /** The field that says whether (and how) the device is connected. */
  switchKey: 'connection' | 'kind';
  test: 'printer' | 'drawer' | 'display' | 'scale';
  testLabel: string;
  fields: DeviceField[];
}

const opts = (pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }));
const BAUD = opts(['2400', '4800', '9600', '19200', '38400', '57600', '115200'].map((b) => [b, `${b} baud`]));
const SERIAL_HELP = 'Linux: /dev/ttyUSB0 or /dev/ttyS0; Windows: COM3; macOS: /dev/cu.usbserial-…';

export const DEVICE_FORMS: DeviceForm[] = [
  {
    device: 'printer',
    title: 'Receipt printer',
    switchKey: 'connection',
    test: 'printer',
    testLabel: 'Print a test page',
    fields: [
      {
        key: 'connection',
        label: 'Connection',
        options: opts([
          ['none', 'None (PDF only)'],
          ['os_dialog', 'System print dialog'],
          ['tcp', 'ESC/POS over the network (TCP)'],
          ['serial', 'ESC/POS over a serial port'],
          ['usb', 'ESC/POS to a USB printer (Linux /dev/usb/lp*)'],
        ]),
      },
      { key: 'host', label: 'Printer address', help: 'IP address or host name, e.g. 192.168.1.50', when: ['tcp'] },
      { key: 'port', label: 'TCP port', numeric: true, help: 'Usually 9100.', when: ['tcp'] },
      { key: 'serialPath', label: 'Serial port', help: SERIAL_HELP, when: ['serial'] },
      { key: 'baudRate', label: 'Baud rate', options: BAUD, numeric: true, when: ['serial'] },
      { key: 'usbPath', label: 'USB device', help: 'e.g. /dev/usb/lp0', when: ['usb'] },
      {
        key: 'paper',
        label: 'Paper',
        options: opts([
          ['58mm_32', '58 mm, 32 characters'],
          ['80mm_42', '80 mm, 42 characters'],
          ['80mm_48', '80 mm, 48 characters'],
        ]),
        when: ['tcp', 'serial', 'usb'],
      },
      {
        key: 'family',
        label: 'Printer family',
        help: 'Decides how code pages are numbered. Star printers in ESC/POS emulation: Star.',
        options: opts([
          ['epson', 'Epson and compatibles'],
          ['star', 'Star (ESC/POS emulation)'],
          ['bixolon', 'Bixolon'],
          ['citizen', 'Citizen'],
          ['xprinter', 'Xprinter'],
        ]),
        when: ['tcp', 'serial', 'usb'],
      },
      {
        key: 'codePage',
        label: 'Code page',
        help: 'Automatic picks a page per character. Characters no page has are spelled out (€ → EUR).',
        options: opts([
          ['auto', 'Automatic'],
          ['cp437', 'CP437 (US)'],
          ['cp850', 'CP850 (Western Europe)'],
          ['cp858', 'CP858 (Western Europe with €)'],
          ['cp852', 'CP852 (Central Europe)'],
          ['cp866', 'CP866 (Cyrillic)'],
          ['windows1252', 'Windows-1252'],
        ]),
        when: ['tcp', 'serial', 'usb'],
      },
      {
        key: 'receipts',
        label: 'Receipts after a sale',
        help: 'Automatically needs an ESC/POS printer: with the system print dialog the cashier presses Print.',
        options: opts([
          ['auto', 'Print automatically'],
          ['ask', 'Ask: the cashier presses Print'],
          ['never', 'Never: PDF or e-mail only'],
        ]),
        when: ['os_dialog', 'tcp', 'serial', 'usb'],
      },
    ],
  },
  {
    device: 'drawer',
    title: 'Cash drawer',
    switchKey: 'connection',
    test: 'drawer',
    testLabel: 'Open the drawer',
    fields: [
      {
        key: 'connection',
        label: 'Connection',
        options: opts([
          ['none', 'None'],
          ['printer', 'Through the receipt printer'],
        ]),
      },
      {
        key: 'pin',
        label: 'Drawer pin',
        numeric: true,
        options: opts([
          ['2', 'Pin 2 (most drawers)'],
          ['5', 'Pin 5 (second drawer)'],
        ]),
        when: ['printer'],
      },
      {
        key: 'onMs',
        label: 'Pulse on (ms)',
        numeric: true,
        help: '10–510 ms. Try 200 if the drawer does not always open.',
        when: ['printer'],
      },
      { key: 'offMs', label: 'Pulse off (ms)', numeric: true, help: '10–510 ms.', when: ['printer'] },
    ],
  },
  {
    device: 'customerDisplay',
    title: 'Customer display',
    switchKey: 'kind',
    test: 'display',
    testLabel: 'Show “Hello”',
    fields: [
      {
        key: 'kind',
        label: 'Display',
        options: opts([
          ['none', 'None'],
          ['window', 'A second screen'],
          ['pole', 'Pole display (2 × 20, serial)'],
        ]),
      },
      {
        key: 'screen',
        label: 'Screen',
        numeric: true,
        options: opts(['1', '2', '3', '4'].map((n) => [n, `Screen ${n}`])),
        when: ['window'],
      },
      { key: 'serialPath', label: 'Serial port', help: SERIAL_HELP, when: ['pole'] },
      { key: 'baudRate', label: 'Baud rate', options: BAUD, numeric: true, when: ['pole'] },
    ],
  },
  {
    device: 'scale',
    title: 'Scale',
    switchKey: 'kind',
    test: 'scale',
    testLabel: 'Read the scale',
    fields: [
      {
        key: 'kind',
        label: 'Scale',
        options: opts([
          ['none', 'None (weights typed by a manager)'],
          ['serial', 'Serial scale'],
        ]),
      },
      {
        key: 'protocol',
        label: 'Protocol',
        options: opts([
          ['toledo_8217', 'Mettler Toledo 8217'],
          ['adam', 'Adam Equipment'],
          ['sma', 'SMA (NCI and others)'],
        ]),
        when: ['serial'],
      },
      { key: 'serialPath', label: 'Serial port', help: SERIAL_HELP, when: ['serial'] },
      { key: 'baudRate', label: 'Baud rate', options: BAUD, numeric: true, when: ['serial'] },
      {
        key: 'dataBits',
        label: 'Data bits',
        numeric: true,
        options: opts([
          ['7', '7'],
          ['8', '8'],
        ]),
        when: ['serial'],
      },
      {
        key: 'parity',
        label: 'Parity',
        options: opts([
          ['none', 'None'],
          ['even', 'Even'],
          ['odd', 'Odd'],
        ]),
        when: ['serial'],
      },
      {
        key: 'stopBits',
        label: 'Stop bits',
        numeric: true,
        options: opts([
          ['1', '1'],
          ['2', '2'],
        ]),
        when: ['serial'],
      },
      { key: 'maxGrams', label: 'Capacity (g)', numeric: true, help: 'Heavier readings are refused as overload.', when: ['serial'] },
    ],
  },
];

/** A person's text back to the stored value; null when a number field holds no whole number. */
export function fieldValue(field: DeviceField, text: string): string | number | null {
  if (!field.numeric) return text.trim();
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
}
