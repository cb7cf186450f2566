/**
 * Code 128, code set B (printable ASCII), as drawn on receipts so a refund can start with a scan of
 * the receipt number. Pure data: the page (React SVG) and main (an SVG string in the receipt's HTML)
 * both draw the same bars from here.
 *
 * Each symbol value 0–106 is six element widths in modules, bar first (bar, space, bar, space, bar,
 * space), eleven modules in all; the stop symbol has a seventh element, the final bar (13 modules).
 */
const WIDTHS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 ' +
  '122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 ' +
  '322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 ' +
  '112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 ' +
  '331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 ' +
  '112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 ' +
  '124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 ' +
  '411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ');

export const CODE128_START_B = 104;
export const CODE128_STOP = 106;
/** Light margin each side, in modules: the standard asks for at least ten. */
export const CODE128_QUIET_ZONE = 10;

/** Element widths (bar first) of one symbol value. */
export function code128Widths(value: number): readonly number[] {
  const widths = WIDTHS[value];
  if (widths === undefined) throw new RangeError(`No Code 128 symbol has the value ${value}`);
  return [...widths].map(Number);
}

/** Code set B holds the printable ASCII characters, space (value 0) to tilde (value 94). */
export function canEncodeCode128B(text: string): boolean {
  return text.length > 0 && text.length <= 80 && /^[\x20-\x7e]+$/.test(text);
}

/** The check symbol: start value plus each data value times its position (from 1), modulo 103. */
export function code128Checksum(startValue: number, dataValues: readonly number[]): number {
  return dataValues.reduce((sum, value, index) => (sum + value * (index + 1)) % 103, startValue % 103);
}

/** Every symbol value of the barcode: start B, one per character, the check symbol, stop. */
export function code128BValues(text: string): number[] {
  if (!canEncodeCode128B(text)) throw new RangeError('Code 128 set B encodes 1 to 80 printable ASCII characters');
  const data = [...text].map((char) => char.charCodeAt(0) - 32);
  return [CODE128_START_B, ...data, code128Checksum(CODE128_START_B, data), CODE128_STOP];
}

/** The barcode as modules, '1' dark and '0' light, without the quiet zones. */
export function code128Modules(text: string): string {
  return code128BValues(text)
    .map((value) =>
      code128Widths(value)
        .map((width, i) => (i % 2 === 0 ? '1' : '0').repeat(width))
        .join(''),
    )
    .join('');
}

export interface Code128Bar {
  /** Left edge, in modules from the left edge of the left quiet zone. */
  x: number;
  width: number;
}

/** What a drawing needs: the dark bars and the full width (quiet zones included), in modules. */
export interface Code128Drawing {
  bars: Code128Bar[];
  widthModules: number;
}

export function code128Drawing(text: string): Code128Drawing {
  const modules = code128Modules(text);
  const bars: Code128Bar[] = [];
  for (const match of modules.matchAll(/1+/g)) bars.push({ x: CODE128_QUIET_ZONE + match.index, width: match[0].length });
  return { bars, widthModules: modules.length + 2 * CODE128_QUIET_ZONE };
}
