import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';

/**
 * A small ESC/POS reader for tests: turns the bytes a printer received back into what the paper
 * shows (text lines, bold, alignment), the barcodes, the cuts and the drawer pulses. It knows the
 * commands the terminal sends and throws on anything else, so a stray byte fails the test.
 */

export interface DecodedLine {
  text: string;
  bold: boolean;
  align: 'left' | 'center' | 'right';
}

export interface DecodedPrint {
  lines: DecodedLine[];
  barcodes: { symbology: 'code128'; data: string }[];
  cuts: number;
  pulses: { pin: 2 | 5; onMs: number; offMs: number }[];
  /** Real-time status requests (DLE EOT n) found in the stream. */
  statusQueries: number[];
  /** Code pages selected, in order (ESC t n, Epson numbering). */
  codePages: string[];
}

/** Epson's numbering of the pages the terminal uses (ESC t n); Star in ESC/POS emulation numbers them alike. */
const EPSON_PAGES: Record<number, Codepage> = { 0: 'cp437', 2: 'cp850', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858' };

const decodeTables = new Map<string, number[]>();
function decodeByte(byte: number, page: Codepage): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  let table = decodeTables.get(page);
  if (!table) {
    table = CodepageEncoder.getEncoding(page).codepoints;
    decodeTables.set(page, table);
  }
  const cp = table[byte];
  if (cp === undefined || cp === 0xfffd) throw new Error(`Byte 0x${byte.toString(16)} has no character in ${page}`);
  return String.fromCodePoint(cp);
}

export function decodeEscPos(input: Uint8Array): DecodedPrint {
  const bytes = Buffer.from(input);
  const out: DecodedPrint = { lines: [], barcodes: [], cuts: 0, pulses: [], statusQueries: [], codePages: [] };
  let page: Codepage = 'cp437';
  let bold = false;
  let align: DecodedLine['align'] = 'left';
  let current = '';
  let lineBold = false;
  let lineAlign: DecodedLine['align'] = 'left';
  const endLine = () => {
    out.lines.push({ text: current, bold: lineBold, align: lineAlign });
    current = '';
    lineBold = false;
  };
  const need = (i: number, n: number) => {
    if (i + n > bytes.length) throw new Error(`Command at ${i} is cut short`);
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0x0a) {
      endLine();
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b === 0x10) {
      need(i, 3);
      if (bytes[i + 1] === 0x14) {
        // DLE DC4 1 m t: the real-time drawer pulse, t × 100 ms.
        need(i, 5);
        out.pulses.push({ pin: bytes[i + 3] === 0 ? 2 : 5, onMs: (bytes[i + 4] as number) * 100, offMs: (bytes[i + 4] as number) * 100 });
        i += 5;
        continue;
      }
      if (bytes[i + 1] !== 0x04) throw new Error(`Unknown DLE command at ${i}`);
      out.statusQueries.push(bytes[i + 2] as number);
      i += 3;
    } else if (b === 0x1b) {
      need(i, 2);
      const c = bytes[i + 1] as number;
      switch (c) {
        case 0x40: // ESC @ initialize
          bold = false;
          align = 'left';
          i += 2;
          break;
        case 0x74: {
          need(i, 3);
          const n = bytes[i + 2] as number;
          const named = EPSON_PAGES[n];
          if (!named) throw new Error(`Code page ${n} is not one the terminal uses`);
          page = named;
          out.codePages.push(named);
          i += 3;
          break;
        }
        case 0x45: // ESC E n bold
          need(i, 3);
          bold = (bytes[i + 2] as number) !== 0;
          i += 3;
          break;
        case 0x61: // ESC a n align
          need(i, 3);
          align = (['left', 'center', 'right'] as const)[(bytes[i + 2] as number) % 3] ?? 'left';
          i += 3;
          break;
        case 0x4d: // ESC M n font
        case 0x2d: // ESC - n underline
        case 0x47: // ESC G n double strike
        case 0x33: // ESC 3 n line spacing
        case 0x64: // ESC d n feed lines
        case 0x4a: // ESC J n feed dots
        case 0x21: // ESC ! n print mode
        case 0x20: // ESC SP n character spacing
        case 0x7b: // ESC { n upside down
          need(i, 3);
          if (c === 0x64) for (let n = 0; n < (bytes[i + 2] as number); n++) endLine();
          i += 3;
          break;
        case 0x32: // ESC 2 default line spacing
          i += 2;
          break;
        case 0x70: {
          need(i, 5);
          out.pulses.push({
            pin: bytes[i + 2] === 0 || bytes[i + 2] === 0x30 ? 2 : 5,
            onMs: (bytes[i + 3] as number) * 2,
            offMs: (bytes[i + 4] as number) * 2,
          });
          i += 5;
          break;
        }
        default:
          throw new Error(`Unknown ESC command 0x${c.toString(16)} at ${i}`);
      }
    } else if (b === 0x1c) {
      need(i, 2);
      if (bytes[i + 1] === 0x2e)
        i += 2; // FS . cancel Kanji mode
      else throw new Error(`Unknown FS command at ${i}`);
    } else if (b === 0x1d) {
      need(i, 2);
      const c = bytes[i + 1] as number;
      if (c === 0x56) {
        need(i, 3);
        const m = bytes[i + 2] as number;
        i += m >= 65 ? 4 : 3;
        if (current) endLine();
        out.cuts += 1;
      } else if (c === 0x6b) {
        need(i, 4);
        const m = bytes[i + 2] as number;
        if (m !== 73) throw new Error(`Barcode type ${m} is not Code 128`);
        const n = bytes[i + 3] as number;
        need(i, 4 + n);
        const raw = bytes.subarray(i + 4, i + 4 + n).toString('latin1');
        // Code 128 data starts with a code set ({A, {B, {C); `{{` is a literal brace.
        const data = raw.replace(/^\{[ABC]/, '').replace(/\{\{/g, '{');
        out.barcodes.push({ symbology: 'code128', data });
        i += 4 + n;
      } else if (c === 0x21 || c === 0x68 || c === 0x77 || c === 0x48 || c === 0x66 || c === 0x42) {
        need(i, 3);
        i += 3;
      } else if (c === 0x4c || c === 0x57) {
        need(i, 4);
        i += 4;
      } else {
        throw new Error(`Unknown GS command 0x${c.toString(16)} at ${i}`);
      }
    } else if (b < 0x20 || b === 0x7f) {
      throw new Error(`Stray control byte 0x${b.toString(16)} at ${i}`);
    } else {
      if (!current) {
        lineAlign = align;
      }
      if (bold) lineBold = true;
      current += decodeByte(b, page);
      i += 1;
    }
  }
  if (current) endLine();
  return out;
}

/** The text lines without the blank ones and without trailing spaces. */
export function printedText(print: DecodedPrint): string[] {
  return print.lines.map((l) => l.text.trimEnd()).filter((t) => t.length > 0);
}
