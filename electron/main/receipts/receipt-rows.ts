import { formatMoney } from '../../../shared/domain/display-format';
import type { ReceiptDocument, ReceiptRow } from '../../../shared/domain/receipt';

/** What every receipt says besides its record: who printed it, where, and how to write numbers and times. */
export interface ReceiptContext {
  store: { name: string; address: string };
  terminal: { id: string; name: string };
  /** Locale and time zone of the printout; the machine's own when absent. */
  locale?: string;
  timeZone?: string;
}

export type Copy = ReceiptDocument['copy'];

// The schema's limits for a row's parts: data that is longer is cut here rather than refused at print time.
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const text = (value: string, options: { emphasis?: boolean; center?: boolean } = {}): ReceiptRow => ({
  kind: 'text',
  text: clip(value, 200),
  emphasis: options.emphasis ?? false,
  align: options.center ? 'center' : 'left',
});

export const pair = (left: string, right: string, options: { emphasis?: boolean; detail?: string } = {}): ReceiptRow => ({
  kind: 'pair',
  left: clip(left, 200),
  right: clip(right, 60),
  emphasis: options.emphasis ?? false,
  ...(options.detail ? { detail: clip(options.detail, 200) } : {}),
});

export const rule = (): ReceiptRow => ({ kind: 'rule' });

/** Money in the record's currency, formatted for the printout's locale. */
export function moneyFormatter(currency: string, context: ReceiptContext): (minor: number) => string {
  return (minor) => formatMoney(minor, currency, context.locale);
}

// Every receipt prints a time; a DateTimeFormat costs far more to build than to use.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatTime(iso: string, context: ReceiptContext): string {
  const key = `${context.locale ?? ''}|${context.timeZone ?? ''}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(context.locale, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      ...(context.timeZone ? { timeZone: context.timeZone } : {}),
    });
    if (timeFormats.size < 50) timeFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** Store name and address on top; a reprint says so before anything else. */
export function header(context: ReceiptContext, copy: Copy, title: string): ReceiptRow[] {
  const address = context.store.address
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => text(line, { center: true }));
  return [
    ...(copy === 'reprint' ? [text('*** REPRINT ***', { emphasis: true, center: true })] : []),
    text(context.store.name, { emphasis: true, center: true }),
    ...address,
    rule(),
    text(title, { emphasis: true, center: true }),
  ];
}

/** Receipt number, staff, terminal and time: what a person reads out when they call about a receipt. */
export function footer(context: ReceiptContext, facts: { receiptNumber: string; staffName: string; at: string }): ReceiptRow[] {
  return [
    rule(),
    pair('Receipt', facts.receiptNumber),
    pair('Staff', facts.staffName),
    pair('Terminal', `${context.terminal.name} (${context.terminal.id})`),
    pair('Time', formatTime(facts.at, context)),
  ];
}
