import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { printableText } from '../escpos/transliterate';
import type { CustomerDisplayView } from './display-view';

const WIDTH = 20;
const fit = (text: string) => printableText(text, ['cp437']).slice(0, WIDTH).padEnd(WIDTH);
const center = (text: string) => fit(' '.repeat(Math.max(0, Math.floor((WIDTH - printableText(text, ['cp437']).length) / 2))) + text);
/** Label left, amount right, in 20 characters; a long label gives way to the amount. */
const pair = (label: string, amount: string) => {
  const right = printableText(amount, ['cp437']).replace(/\s/g, ' ');
  return fit(
    `${printableText(label, ['cp437'])
      .slice(0, Math.max(0, WIDTH - right.length - 1))
      .padEnd(WIDTH - right.length)}${right}`,
  );
};

/** The same facts in 2 × 20 characters: the last line scanned and the total, then total and change, then thanks. */
export function poleLines(view: CustomerDisplayView): [string, string] {
  if (view.phase === 'idle') return [center('Welcome'), center(view.storeName)];
  if (view.phase === 'paid') return [pair('Change', view.change), center('Thank you')];
  const last = view.lines[view.lines.length - 1];
  return [last ? pair(last.name, last.amount) : fit(''), pair('Total', view.total)];
}

/** CD5220-style commands: clear, line 1, cursor to column 1 of row 2 (US $ 1 2), line 2. */
export function poleBytes(lines: [string, string]): Uint8Array {
  return Uint8Array.from([
    0x0c,
    ...CodepageEncoder.encode(lines[0], 'cp437'),
    0x1f,
    0x24,
    1,
    2,
    ...CodepageEncoder.encode(lines[1], 'cp437'),
  ]);
}
