import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsPrefixQuery } from '../../../electron/main/catalog/search-query';
import { catalogScratch, product, TAX, type CatalogScratch } from '../../support/catalog';

let s: CatalogScratch;
beforeAll(async () => {
  s = await catalogScratch();
  s.catalog.applyChanges(
    {
      taxCategories: TAX,
      upsert: [
        product('DAI-1', { name: 'Crème fraîche' }),
        product('BAK-2', { name: 'Pain de campagne' }),
        product('DRK-3', { name: 'Cola "zero" (1.5 l)' }),
        product('SNK-4', { name: 'OR NEAR AND NOT' }),
        product('FRV-5', { name: 'Jalapeño peppers' }),
      ],
    },
    'import',
  );
});
afterAll(() => s.cleanup());

const skus = (typed: string) => s.catalog.search(typed).map((p) => p.sku);

describe('search query escaping', () => {
  it('turns each typed word into a quoted prefix term', () => {
    expect(toFtsPrefixQuery('cre fra')).toBe('"cre"* "fra"*');
    expect(toFtsPrefixQuery('  "cola" -zero* OR (1.5)')).toBe('"cola"* "zero"* "OR"* "1"* "5"*');
    expect(toFtsPrefixQuery('*"-()^:+')).toBeNull();
    expect(toFtsPrefixQuery('')).toBeNull();
  });

  it('never throws and never errors in SQLite, whatever is typed', () => {
    const typed = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .array(
          fc.constantFrom(
            '"',
            '*',
            '-',
            '+',
            'OR',
            'AND',
            'NOT',
            'NEAR',
            '(',
            ')',
            '^',
            ':',
            'name:',
            '{',
            '}',
            ' ',
            'cre',
            'é',
            '\u0301',
            '\u0000',
            'NEAR(a b, 2)',
          ),
          { maxLength: 12 },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(typed, (text) => {
        expect(() => s.catalog.search(text)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('finds by the start of any word, folding case and accents both ways', () => {
    expect(skus('creme')).toEqual(['DAI-1']);
    expect(skus('CRÈ FRAI')).toEqual(['DAI-1']);
    expect(skus('fraiche')).toEqual(['DAI-1']);
    expect(skus('jalapeno')).toEqual(['FRV-5']);
    expect(skus('camp')).toEqual(['BAK-2']);
    expect(skus('cre camp')).toEqual([]);
  });

  it('reads operators and quotes as plain words', () => {
    expect(skus('"zero"')).toEqual(['DRK-3']);
    expect(skus('(1.5')).toEqual(['DRK-3']);
    expect(skus('or near')).toEqual(['SNK-4']);
    expect(skus('cola -zero')).toEqual(['DRK-3']);
  });

  it('finds by SKU too', () => {
    expect(skus('bak-2')).toEqual(['BAK-2']);
    expect(skus('dai')).toEqual(['DAI-1']);
  });
});
