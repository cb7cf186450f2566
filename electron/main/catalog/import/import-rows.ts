import { parseMinor } from '../../../../shared/domain/amount-input';
import { CsvSyntaxError, parseCsv } from './csv';

/** One row of a file, as the product input it claims to be, with the line it starts on. */
export interface ImportRow {
  line: number;
  input: unknown;
}

export interface RowError {
  line: number;
  message: string;
}

/** The file as a whole cannot be read: nothing in it is imported. */
export class ImportFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export const CSV_COLUMNS = ['sku', 'name', 'group', 'price', 'tax_category', 'sold_by', 'barcodes', 'active'] as const;
const REQUIRED_COLUMNS = ['sku', 'name', 'group', 'price', 'tax_category', 'sold_by'];
const TRUE_WORDS = new Set(['true', 'yes', '1', 'y']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'n']);

function columnsOf(header: string[]): Map<string, number> {
  const columns = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      throw new ImportFileError(1, `Unknown column "${name.slice(0, 40)}": the columns are ${CSV_COLUMNS.join(', ')}.`);
    if (columns.has(name)) throw new ImportFileError(1, `Column "${name}" appears twice.`);
    columns.set(name, index);
  });
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) throw new ImportFileError(1, `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
  return columns;
}

/**
 * CSV with a header line naming the columns (any order; barcodes and active may be left out). Price
 * is a decimal in the store currency ("2.49"), barcodes are separated by "|", active is true/false.
 */
export function csvRows(text: string, currency: string, maxRows: number): { rows: ImportRow[]; errors: RowError[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileError(error.line, `Not readable as CSV: ${error.message}.`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new ImportFileError(1, 'The file is empty.');
  if (body.length > maxRows) throw new ImportFileError(1, `The file has ${body.length} rows; at most ${maxRows} can be imported at once.`);
  const columns = columnsOf(header.fields);
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const record of body) {
    if (record.fields.length !== header.fields.length) {
      errors.push({ line: record.line, message: `${record.fields.length} fields where the header has ${header.fields.length}.` });
      continue;
    }
    const cell = (name: string) => {
      const index = columns.get(name);
      return (index === undefined ? '' : (record.fields[index] ?? '')).trim();
    };
    const priceMinor = parseMinor(cell('price'), currency);
    if (priceMinor === null) {
      errors.push({ line: record.line, message: `price: not an amount in ${currency} (write it like 2.49).` });
      continue;
    }
    const activeText = cell('active').toLowerCase();
    if (activeText !== '' && !TRUE_WORDS.has(activeText) && !FALSE_WORDS.has(activeText)) {
      errors.push({ line: record.line, message: 'active: write true or false.' });
      continue;
    }
    const barcodes = cell('barcodes')
      .split('|')
      .map((code) => code.trim())
      .filter((code) => code !== '');
    rows.push({
      line: record.line,
      input: {
        sku: cell('sku'),
        name: cell('name'),
        group: cell('group'),
        priceMinor,
        taxCategoryId: cell('tax_category'),
        soldBy: cell('sold_by').toLowerCase(),
        barcodes,
        active: activeText === '' ? true : TRUE_WORDS.has(activeText),
      },
    });
  }
  return { rows, errors };
}

/** The line each element of a top-level JSON array starts on (the text is known to be valid JSON). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectValue && !/\s/.test(ch) && ch !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

/** JSON: an array of products as productInputSchema has them (priceMinor in minor units). */
export function jsonRows(text: string, maxRows: number): { rows: ImportRow[]; errors: RowError[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new ImportFileError(1, 'Not readable as JSON.');
  }
  if (!Array.isArray(data)) throw new ImportFileError(1, 'The JSON file must hold an array of products.');
  if (data.length > maxRows) throw new ImportFileError(1, `The file has ${data.length} rows; at most ${maxRows} can be imported at once.`);
  const lines = elementLines(body);
  return { rows: data.map((input, i) => ({ line: lines[i] ?? 1, input })), errors: [] };
}
