import { z } from 'zod';

/**
 * The store hardware of one terminal, set by an admin or locked by IT policy. Every object is flat
 * (no unions): settings are stored and locked leaf by leaf, so each field must stand on its own.
 * A connection that lacks what it needs (TCP without a host) is reported by the device's status.
 */

const hostSchema = z
  .string()
  .trim()
  .max(253)
  .regex(/^$|^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, 'a host name or IPv4 address, e.g. 192.168.1.50');
/** A serial port as the OS names it: /dev/ttyUSB0, /dev/ttyS0, COM3. */
const serialPathSchema = z
  .string()
  .trim()
  .max(120)
  .regex(/^$|^(\/dev\/[A-Za-z0-9._/-]+|COM[0-9]{1,3}|\/tmp\/[A-Za-z0-9._-]+)$/, 'a serial port such as /dev/ttyUSB0 or COM3');
/** Linux's USB printer class device (usblp). */
const usbPrinterPathSchema = z
  .string()
  .trim()
  .max(60)
  .regex(/^$|^\/dev\/usb\/lp[0-9]{1,2}$/, 'a USB printer device such as /dev/usb/lp0');
export const baudRateSchema = z.union([
  z.literal(2400),
  z.literal(4800),
  z.literal(9600),
  z.literal(19200),
  z.literal(38400),
  z.literal(57600),
  z.literal(115200),
]);

export const PRINTER_CONNECTIONS = ['none', 'os_dialog', 'tcp', 'serial', 'usb'] as const;
/** Paper and characters per line (Font A): 58 mm rolls hold 32, 80 mm ones 42 (512 dots) or 48 (576 dots). */
export const PAPER_FORMATS = ['58mm_32', '80mm_42', '80mm_48'] as const;
/** The code page table a printer family numbers its pages by (ESC t n); Star printers in ESC/POS emulation use `star`. */
export const PRINTER_FAMILIES = ['epson', 'star', 'bixolon', 'citizen', 'xprinter'] as const;
/** `auto` lets the encoder switch pages per character among the family's pages; the others fix one page. */
export const CODE_PAGES = ['auto', 'cp437', 'cp850', 'cp852', 'cp858', 'cp866', 'windows1252'] as const;

/**
 * What happens to a sale's receipt when the sale completes, as Square, Shopify POS and Odoo offer it:
 * `auto` prints it at once (an ESC/POS printer: nobody has to answer a dialog), `ask` leaves it to the
 * cashier's Print button, `never` makes no paper (PDF and e-mail stay). Refunds, voids and reports
 * are always printed on request.
 */
export const RECEIPT_PRINTING = ['auto', 'ask', 'never'] as const;
export type ReceiptPrinting = (typeof RECEIPT_PRINTING)[number];

export const printerSettingsSchema = z
  .object({
    connection: z
      .enum(PRINTER_CONNECTIONS)
      .meta({ description: 'none, the OS print dialog, or ESC/POS over TCP, a serial port or a USB printer device.' }),
    host: hostSchema.meta({ description: 'ESC/POS over TCP: the printer address.' }),
    port: z.number().int().min(1).max(65_535).meta({ description: 'ESC/POS over TCP: usually 9100.' }),
    serialPath: serialPathSchema.meta({
      description: 'ESC/POS over serial, or a USB printer seen as a serial port on Windows/macOS (COM3, /dev/cu.usbserial).',
    }),
    baudRate: baudRateSchema,
    usbPath: usbPrinterPathSchema.meta({ description: 'Linux: the usblp device of a USB printer, e.g. /dev/usb/lp0.' }),
    paper: z.enum(PAPER_FORMATS),
    family: z.enum(PRINTER_FAMILIES),
    codePage: z.enum(CODE_PAGES),
    receipts: z.enum(RECEIPT_PRINTING).meta({
      description:
        'After a sale: auto prints its receipt at once (ESC/POS printers only; the OS dialog asks), ask leaves it to the Print button, never offers only PDF and e-mail.',
    }),
  })
  .strict();

export const drawerSettingsSchema = z
  .object({
    connection: z.enum(['none', 'printer']).meta({ description: 'none, or kicked through the receipt printer’s drawer port.' }),
    pin: z.union([z.literal(2), z.literal(5)]).meta({ description: 'The drawer connector pin: 2 (most drawers) or 5 (a second drawer).' }),
    onMs: z.number().int().min(10).max(510).meta({ description: 'Pulse on-time in ms (ESC p t1, 2 ms steps). Default 100.' }),
    offMs: z.number().int().min(10).max(510).meta({ description: 'Pulse off-time in ms (ESC p t2). Default 500.' }),
  })
  .strict();

export const customerDisplaySettingsSchema = z
  .object({
    kind: z
      .enum(['none', 'window', 'pole'])
      .meta({ description: 'none, a second window on a chosen screen, or a 2×20 serial pole display.' }),
    screen: z.number().int().min(1).max(8).meta({ description: 'window: which screen (1 = the main one).' }),
    serialPath: serialPathSchema,
    baudRate: baudRateSchema,
  })
  .strict();

export const SCALE_PROTOCOLS = ['toledo_8217', 'adam', 'sma'] as const;
export const scaleSettingsSchema = z
  .object({
    kind: z.enum(['none', 'serial']),
    protocol: z.enum(SCALE_PROTOCOLS).meta({ description: 'Toledo 8217 (9600 7E1), Adam (4800 8N1) or SMA (9600 8N1).' }),
    serialPath: serialPathSchema,
    baudRate: baudRateSchema,
    dataBits: z.union([z.literal(7), z.literal(8)]),
    parity: z.enum(['none', 'even', 'odd']),
    stopBits: z.union([z.literal(1), z.literal(2)]),
    maxGrams: z
      .number()
      .int()
      .min(100)
      .max(300_000)
      .meta({ description: 'The scale’s capacity: heavier readings are refused as overload.' }),
  })
  .strict();

export const deviceSettingsSchema = z
  .object({
    printer: printerSettingsSchema,
    drawer: drawerSettingsSchema,
    customerDisplay: customerDisplaySettingsSchema,
    scale: scaleSettingsSchema,
  })
  .strict();
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;
export type PrinterSettings = z.infer<typeof printerSettingsSchema>;
export type DrawerSettings = z.infer<typeof drawerSettingsSchema>;
export type ScaleSettings = z.infer<typeof scaleSettingsSchema>;
export type CustomerDisplaySettings = z.infer<typeof customerDisplaySettingsSchema>;

/** What a fresh terminal has: receipts through the OS dialog, as before; no drawer, display or scale until set. */
export const DEFAULT_DEVICE_SETTINGS: DeviceSettings = {
  printer: {
    connection: 'os_dialog',
    host: '',
    port: 9100,
    serialPath: '',
    baudRate: 9600,
    usbPath: '',
    paper: '80mm_48',
    family: 'epson',
    codePage: 'auto',
    receipts: 'auto',
  },
  drawer: { connection: 'none', pin: 2, onMs: 100, offMs: 500 },
  customerDisplay: { kind: 'none', screen: 2, serialPath: '', baudRate: 9600 },
  scale: {
    kind: 'none',
    protocol: 'toledo_8217',
    serialPath: '',
    baudRate: 9600,
    dataBits: 7,
    parity: 'even',
    stopBits: 1,
    maxGrams: 15_000,
  },
};

export const isEscPos = (connection: PrinterSettings['connection']): boolean =>
  connection === 'tcp' || connection === 'serial' || connection === 'usb';

/** How this printer treats a completed sale's receipt: only an ESC/POS printer prints without a person. */
export function receiptPrintingOf(printer: Pick<PrinterSettings, 'connection' | 'receipts'>): ReceiptPrinting {
  return printer.receipts === 'auto' && !isEscPos(printer.connection) ? 'ask' : printer.receipts;
}

export const columnsOf = (paper: PrinterSettings['paper']): number => Number(paper.split('_')[1]);

/**
 * What the terminal knows about the printer. `unknown` is never `ok`: a printer that did not answer a
 * status query (or cannot: a one-way USB device) may still be out of paper.
 */
export const printerStateSchema = z.enum([
  'ok',
  'paper_near_end',
  'paper_out',
  'cover_open',
  'offline',
  'unreachable',
  'unknown',
  'not_set_up',
  'os_dialog',
]);
export type PrinterState = z.infer<typeof printerStateSchema>;

export const deviceEventSchema = z
  .object({
    device: z.enum(['printer', 'drawer', 'display', 'scale']),
    outcome: z.enum(['done', 'failed', 'interrupted']),
    /** What happened, in the cashier's words. */
    message: z.string().max(300),
    /** The receipt or report the event concerns, when there is one. */
    target: z.string().max(80).nullable(),
    at: z.iso.datetime(),
  })
  .strict();
export type DeviceEvent = z.infer<typeof deviceEventSchema>;

export const deviceStatusSchema = z
  .object({
    printer: z
      .object({
        connection: z.enum(PRINTER_CONNECTIONS),
        state: printerStateSchema,
        message: z.string().max(300),
        checkedAt: z.iso.datetime().nullable(),
      })
      .strict(),
    drawer: z.object({ connection: z.enum(['none', 'printer']) }).strict(),
    customerDisplay: z.object({ kind: z.enum(['none', 'window', 'pole']) }).strict(),
    scale: z.object({ kind: z.enum(['none', 'serial']) }).strict(),
    /** The latest things that went wrong or were interrupted (newest first), so the cashier can act on them. */
    recent: z.array(deviceEventSchema).max(20),
  })
  .strict();
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const deviceTestResultSchema = z.object({ ok: z.boolean(), message: z.string().max(300) }).strict();
export type DeviceTestResult = z.infer<typeof deviceTestResultSchema>;

export const weighOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), grams: z.number().int().min(0).max(300_000) }).strict(),
  z
    .object({
      ok: z.literal(false),
      problem: z.enum(['not_set_up', 'unstable', 'overload', 'negative', 'empty', 'no_answer', 'disconnected', 'unreadable']),
      message: z.string().max(300),
    })
    .strict(),
]);
export type WeighOutcomeView = z.infer<typeof weighOutcomeSchema>;
