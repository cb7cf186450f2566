import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import type { PrinterSettings } from '../../../../shared/domain/devices';

/** The pages `auto` may switch between: Western and Central European, Cyrillic, with € (cp858, 1252). */
export const AUTO_CODE_PAGES = ['cp858', 'cp437', 'cp852', 'cp866', 'windows1252'] as const;

/** What a character becomes when no page the printer is given can print it. */
const SPELLED: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'Th',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '×': 'x',
  '•': '*',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
};

const supportCache = new Map<string, Set<number>>();
const pageCache = new Map<string, Set<number>>();

function pageHas(page: string, code: number): boolean {
  // Every page the terminal offers keeps ASCII where ASCII is.
  if (code < 0x7f) return true;
  let set = pageCache.get(page);
  if (!set) {
    set = new Set(CodepageEncoder.getEncoding(page as Codepage).codepoints.filter((cp) => cp !== 0xfffd && cp !== undefined));
    pageCache.set(page, set);
  }
  return set.has(code);
}

function supported(pages: readonly string[]): Set<number> {
  const key = pages.join(',');
  let set = supportCache.get(key);
  if (!set) {
    set = new Set<number>();
    for (const page of pages)
      for (const cp of CodepageEncoder.getEncoding(page as Codepage).codepoints) if (cp !== 0xfffd && cp !== undefined) set.add(cp);
    supportCache.set(key, set);
  }
  return set;
}

export function pagesFor(codePage: PrinterSettings['codePage']): readonly string[] {
  return codePage === 'auto' ? AUTO_CODE_PAGES : [codePage];
}

/**
 * Keeps every character the printer's pages can print and spells out the rest (€ → EUR on a page
 * without it, ä → a only where no page has ä), so the paper never shows a wrong glyph. Control
 * characters are dropped: text from data must never turn into printer commands.
 */
export function printableText(text: string, pages: readonly string[]): string {
  const can = supported(pages);
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    if (code < 0x7f || can.has(code)) {
      out += char;
      continue;
    }
    const spelled = SPELLED[char];
    if (spelled !== undefined) {
      out += [...spelled].every((c) => (c.codePointAt(0) ?? 0) < 0x7f || can.has(c.codePointAt(0) ?? 0)) ? spelled : '?';
      continue;
    }
    const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base && [...base].every((c) => (c.codePointAt(0) ?? 0) < 0x7f || can.has(c.codePointAt(0) ?? 0)) ? base : '?';
  }
  return out;
}

/**
 * Text already made printable, cut into runs that each print in one page of `pages`: the page in use
 * while it has the character, else the first page that has it (the encoder's own `auto` rule). The
 * encoder then looks each run's page up once, where its `auto` mode looks every page up again per
 * character (tens of milliseconds per receipt, all of it before the first byte reaches the printer).
 */
export function pageRuns(text: string, pages: readonly string[], current: string): { page: string; text: string }[] {
  const runs: { page: string; text: string }[] = [];
  let page = current;
  let run = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!pageHas(page, code)) {
      const other = pages.find((p) => pageHas(p, code));
      if (other) {
        if (run) runs.push({ page, text: run });
        page = other;
        run = '';
      }
    }
    run += char;
  }
  if (run || runs.length === 0) runs.push({ page, text: run });
  return runs;
}
