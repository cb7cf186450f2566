import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../electron/main/catalog/import/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('CSV parsing', () => {
  it('splits plain fields and keeps empty ones', () => {
    expect(fields('a,b,c\n1,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    const text = 'sku,name\nX1,"Milk, whole"\nX2,"The ""best"" bread"\nX3,"two\nlines"\nX4,""\n';
    expect(fields(text)).toEqual([
      ['sku', 'name'],
      ['X1', 'Milk, whole'],
      ['X2', 'The "best" bread'],
      ['X3', 'two\nlines'],
      ['X4', ''],
    ]);
  });

  it('handles CRLF, a lone CR, a BOM and no final line break', () => {
    expect(fields('\uFEFFa,b\r\n1,2\r\n3,"4\r\n5"\r6,7')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4\r\n5'],
      ['6', '7'],
    ]);
  });

  it('numbers each record by the line it starts on, past blank lines and multi-line fields', () => {
    const records = parseCsv('h1,h2\n\nA,"x\ny"\nB,z\n\n\nC,w');
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [3, 'A'],
      [5, 'B'],
      [8, 'C'],
    ]);
  });

  it('keeps a record of one quoted empty field but skips whitespace-only lines', () => {
    expect(fields('a\n""\n   \nb')).toEqual([['a'], [''], ['b']]);
  });

  it.each([
    ['an unclosed quote', 'a,b\n1,"open\n2,3', 2],
    ['text after a closing quote', 'a,b\n1,"x"y', 2],
    ['a quote inside an unquoted field', 'a,b\n\n1,x"y"', 3],
  ])('refuses %s, naming the line', (_why, text, line) => {
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).line).toBe(line);
    }
  });

  it('reads an empty file as no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });
});
