export interface CsvRecord {
  /** The file line the record starts on (1-based), for reports a person can act on. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * RFC 4180 CSV as spreadsheets write it: comma-separated, fields optionally in double quotes, a
 * doubled quote inside quotes for a literal one, commas and line breaks allowed inside quotes,
 * LF or CRLF line ends, an optional UTF-8 BOM. Blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterQuote = false;
  let quotedRecord = false;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    const blank = !quotedRecord && fields.length === 1 && fields[0]?.trim() === '';
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    quotedRecord = false;
  };

  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inQuotes) {
      if (ch !== '"') {
        if (ch === '\n') line++;
        field += ch;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        inQuotes = false;
        afterQuote = true;
      }
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      throw new CsvSyntaxError(line, 'text after the closing quote of a field');
    } else if (ch === '"') {
      if (field.trim() !== '')
        throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      field = '';
      inQuotes = true;
      quotedRecord = true;
    } else {
      field += ch;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(recordLine, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0 || afterQuote) endRecord();
  return records;
}
