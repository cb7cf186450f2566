import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogImporter, type CatalogFileChooser } from '../../../electron/main/catalog/import/catalog-import';
import { folderFileChooser } from '../../../electron/main/catalog/import/folder-file-chooser';
import { catalogScratch, product, TAX, type CatalogScratch } from '../../support/catalog';
import { tempDir } from '../../support/storage';

let s: CatalogScratch;
let dir: { dir: string; cleanup: () => void };
let chosen: string | null;
const chooser: CatalogFileChooser = { choose: async () => chosen };
const importer = (limits?: { maxBytes: number; maxRows: number }) =>
  new CatalogImporter({ catalog: s.catalog, chooser, storeCurrency: () => s.store.currency, ...(limits ? { limits } : {}) });

function file(name: string, content: string | Buffer): string {
  chosen = path.join(dir.dir, name);
  writeFileSync(chosen, content);
  return chosen;
}

beforeEach(async () => {
  s = await catalogScratch();
  dir = tempDir('catalog-import');
  chosen = null;
  s.catalog.applyChanges({ taxCategories: TAX, upsert: [product('MILK', { barcodes: ['036000291452'] })] }, 'api');
});
afterEach(() => {
  s.cleanup();
  dir.cleanup();
});

const HEADER = 'sku,name,group,price,tax_category,sold_by,barcodes,active';

describe('catalog import', () => {
  it('imports the good rows in one batch and reports every bad one by its line', async () => {
    file(
      'catalog.csv',
      [
        HEADER,
        'BREAD,"Baguette, traditional",Bakery,1.19,food,unit,4006381333931|bak-01,true',
        'CHEESE,"Comté ""AOP""",Dairy,24.9,food,weight,,',
        'BAD-PRICE,Thing,Pantry,1.999,food,unit,,true',
        'BAD-TAX,Thing,Pantry,2.00,luxury,unit,,true',
        'BAD-GTIN,Thing,Pantry,2.00,food,unit,4006381333932,true',
        '',
        'BREAD,Baguette again,Bakery,1.19,food,unit,,true',
        'TAKEN,Thing,Pantry,2.00,food,unit,0036000291452,true',
        'SHORT,Thing,Pantry',
        'NEG,Thing,Pantry,-1,food,unit,,true',
        'ZERO,Thing,Pantry,0,food,unit,,true',
        'UNIT,Thing,Pantry,1,food,box,,true',
        'OFF,"Multi',
        'line name",Pantry,3.50,standard,unit,,no',
      ].join('\r\n'),
    );
    const report = await importer().importFile('st_admin');
    expect(report).toMatchObject({ outcome: 'imported', fileName: 'catalog.csv', rowsRead: 12, imported: 3, moreErrors: 0, version: 2 });
    expect(report.errors.map((e) => e.line)).toEqual([4, 5, 6, 8, 9, 10, 11, 12, 13]);
    expect(report.errors.find((e) => e.line === 4)?.message).toMatch(/price/);
    expect(report.errors.find((e) => e.line === 5)?.message).toMatch(/tax category "luxury"/);
    expect(report.errors.find((e) => e.line === 6)?.message).toMatch(/check digit/);
    expect(report.errors.find((e) => e.line === 8)?.message).toMatch(/already on line 2/);
    expect(report.errors.find((e) => e.line === 9)?.message).toMatch(/belongs to product MILK/);
    expect(s.catalog.get('BREAD')).toMatchObject({
      name: 'Baguette, traditional',
      priceMinor: 119,
      barcodes: expect.arrayContaining(['4006381333931', 'bak-01']),
    });
    expect(s.catalog.get('CHEESE')).toMatchObject({ name: 'Comté "AOP"', priceMinor: 2490, soldBy: 'weight', active: true });
    expect(s.catalog.get('OFF')).toMatchObject({ name: 'Multi\r\nline name', taxRateBp: 2000, active: false });
    for (const sku of ['BAD-PRICE', 'BAD-TAX', 'BAD-GTIN', 'TAKEN', 'SHORT', 'NEG', 'ZERO', 'UNIT']) expect(s.catalog.get(sku)).toBeNull();
    const audited = s.db.prepare("SELECT actor_id, target, details_json FROM audit_log WHERE action = 'catalog.imported'").get() as Record<
      string,
      string
    >;
    expect({ ...audited, details_json: JSON.parse(audited.details_json!) }).toEqual({
      actor_id: 'st_admin',
      target: 'catalog.csv',
      details_json: { source: 'import', rowsRead: 12, imported: 3, refused: 9 },
    });
  });

  it('imports nothing, and says so, when every row is bad', async () => {
    file('bad.csv', `${HEADER}\nX,Thing,Pantry,abc,food,unit,,true\n`);
    const before = s.catalog.info();
    expect(await importer().importFile('st_admin')).toEqual({
      outcome: 'refused',
      fileName: 'bad.csv',
      rowsRead: 1,
      imported: 0,
      errors: [{ line: 2, message: expect.stringMatching(/price/) }],
      moreErrors: 0,
      version: before.version,
    });
    expect(s.catalog.info()).toEqual(before);
  });

  it('reads JSON, naming refused items by the line they start on', async () => {
    const items = [product('J1', { name: 'Jam' }), { ...product('J2'), priceMinor: -5 }, product('J3', { taxCategoryId: 'nope' })];
    file('catalog.json', `[\n  ${items.map((item) => JSON.stringify(item, null, 2).replaceAll('\n', '\n  ')).join(',\n  ')}\n]\n`);
    const report = await importer().importFile('st_admin');
    expect(report).toMatchObject({ outcome: 'imported', rowsRead: 3, imported: 1 });
    expect(report.errors.map((e) => e.line)).toEqual([12, 22]);
    expect(report.errors[0]?.message).toMatch(/priceMinor/);
  });

  it.each([
    ['a CSV syntax error', 'x.csv', `${HEADER}\nA,"open`, /never closed/],
    ['a missing column', 'x.csv', 'sku,name,group,price\nA,B,C,1', /Missing columns: tax_category, sold_by/],
    ['an unknown column', 'x.csv', `${HEADER},colour\n`, /Unknown column "colour"/],
    ['an empty file', 'x.csv', '', /empty/],
    ['broken JSON', 'x.json', '[{"sku": ', /JSON/],
    ['JSON that is not an array', 'x.json', '{"sku": "A"}', /array/],
    ['text that is not UTF-8', 'x.csv', Buffer.from([0x73, 0x6b, 0x75, 0xff, 0xfe, 0x0a]), /UTF-8/],
  ])('refuses the whole file for %s', async (_why, name, content, message) => {
    file(name, content);
    const report = await importer().importFile('st_admin');
    expect(report).toMatchObject({
      outcome: 'refused',
      imported: 0,
      errors: [{ line: expect.any(Number), message: expect.stringMatching(message) }],
    });
    expect(s.catalog.info().version).toBe(1);
  });

  it('refuses a file over the size limit from its size, and one with too many rows', async () => {
    file('big.csv', `${HEADER}\n${'A,B,C,1,food,unit,,true\n'.repeat(50)}`);
    expect((await importer({ maxBytes: 100, maxRows: 1000 }).importFile(null)).errors[0]?.message).toMatch(/at most 0 MB/);
    expect((await importer({ maxBytes: 1_000_000, maxRows: 10 }).importFile(null)).errors[0]?.message).toMatch(/50 rows; at most 10/);
  });

  it('caps the report at 200 errors and counts the rest', async () => {
    file('many.csv', `${HEADER}\n${Array.from({ length: 250 }, (_, i) => `S${i},Thing,Pantry,x,food,unit,,true`).join('\n')}`);
    const report = await importer().importFile(null);
    expect(report).toMatchObject({ outcome: 'refused', rowsRead: 250, moreErrors: 50 });
    expect(report.errors).toHaveLength(200);
  });

  it('reports a cancelled dialog and a missing file', async () => {
    expect(await importer().importFile(null)).toMatchObject({ outcome: 'cancelled', fileName: null, version: 1 });
    chosen = path.join(dir.dir, 'gone.csv');
    expect(await importer().importFile(null)).toMatchObject({
      outcome: 'refused',
      fileName: 'gone.csv',
      errors: [{ message: expect.stringMatching(/could not be opened/) }],
    });
  });
});

describe('folder file chooser (browser host)', () => {
  it('picks the newest .csv or .json in its folder, or nothing', async () => {
    const folder = path.join(dir.dir, 'catalog-import');
    expect(await folderFileChooser(folder).choose()).toBeNull();
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'notes.txt'), 'x');
    expect(await folderFileChooser(folder).choose()).toBeNull();
    writeFileSync(path.join(folder, 'old.csv'), 'x');
    writeFileSync(path.join(folder, 'new.json'), 'x');
    utimesSync(path.join(folder, 'old.csv'), new Date('2026-01-01'), new Date('2026-01-01'));
    expect(await folderFileChooser(folder).choose()).toBe(path.join(folder, 'new.json'));
  });
});
