import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditTrail } from '../../electron/main/audit/audit-trail';
import { CatalogService } from '../../electron/main/catalog/catalog-service';
import { toFtsPrefixQuery } from '../../electron/main/catalog/search-query';
import { openEncryptedDatabase } from '../../electron/main/storage/encrypted-database';
import { migrate } from '../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../electron/main/storage/migrations';
import type { ProductInput } from '../../shared/domain/catalog';
import { gtinCheckDigit, normalizeBarcode } from '../../shared/domain/gtin';
import { memoryKeychain } from '../support/memory-keychain';

// The register's catalog at store scale: 100,000 products loaded through applyChanges into an
// encrypted database, then barcode lookup and name search through the service, each against the
// bare indexed / FTS5 query on the same database. Both sides run the same inputs in interleaved
// rounds (the order flips every round) after a warm-up; figures are medians of per-round means.

export interface CatalogBenchOptions {
  products?: number;
  rounds?: number;
  lookupsPerRound?: number;
  searchesPerRound?: number;
}

export interface CatalogBenchResult {
  [figure: string]: number;
  barcodeLookupVsBare: number;
  nameSearchVsBare: number;
}

const BRANDS = [
  'Alpina',
  'Bonterre',
  'Castel',
  'Delmonte',
  'Étoile',
  'Fjord',
  'Granja',
  'Hofmann',
  'Isola',
  'Jardin',
  'Kernig',
  'Lumière',
  'Montaña',
  'Nordic',
  'Olivar',
  'Prado',
  'Quinta',
  'Rivière',
  'Sólo',
  'Tannen',
  'Umbria',
  'Valle',
  'Weiden',
  'Zephyr',
];
const GOODS = [
  'milk',
  'crème fraîche',
  'yoghurt',
  'butter',
  'cheese',
  'orange juice',
  'apple juice',
  'cola',
  'sparkling water',
  'coffee',
  'tea',
  'chocolate',
  'biscuits',
  'crisps',
  'pasta',
  'rice',
  'flour',
  'sugar',
  'olive oil',
  'tomatoes',
  'beans',
  'soup',
  'cereal',
  'müsli',
  'honey',
  'jam',
  'bread',
  'croissants',
  'shampoo',
  'soap',
  'detergent',
  'kitchen roll',
  'sponges',
  'batteries',
  'candles',
  'pâté',
  'jalapeños',
  'salmon',
  'ham',
  'sausages',
];
const VARIANTS = [
  'classic',
  'organic',
  'light',
  'family pack',
  'mini',
  'extra',
  'bio',
  'zero',
  'spicy',
  'vanilla',
  'dark',
  'wholegrain',
  'lemon',
  'strawberry',
  'original',
  'premium',
];
const SIZES = ['100 g', '250 g', '500 g', '1 kg', '330 ml', '500 ml', '1 l', '1.5 l', '6 pcs', '12 pcs'];
const GROUPS = [
  'Dairy',
  'Drinks',
  'Pantry',
  'Snacks & sweets',
  'Household',
  'Personal care',
  'Bakery',
  'Meat & fish',
  'Frozen',
  'Fruit & vegetables',
];
const QUERIES = [
  'mil',
  'cho',
  'crè fra',
  'orange ju',
  'alpina',
  'bio cola',
  'spa wat',
  'müsli',
  'pate',
  'ham',
  'sham',
  'det',
  'family',
  'jala',
  'zeph soap',
  'kitchen r',
  'lumiere',
  'co',
  'premium tea 250',
  'batt 12',
];

/** A small deterministic generator, so every run builds the same catalog. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function buildProducts(count: number): { products: ProductInput[]; codes: string[] } {
  const rnd = random(7);
  const products: ProductInput[] = [];
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = i % 10 === 0 ? `0${String(70_000_000_000 + i).slice(-10)}` : `40${String(1_000_000_000 + i).slice(-10)}`;
    const code = `${body}${gtinCheckDigit(body)}`;
    const barcodes = i % 50 === 0 ? [code, `INT-${i}`] : [code];
    codes.push(code);
    products.push({
      sku: `SKU-${String(i).padStart(6, '0')}`,
      name: `${pick(BRANDS, rnd)} ${pick(GOODS, rnd)} ${pick(VARIANTS, rnd)} ${pick(SIZES, rnd)}`,
      group: pick(GROUPS, rnd),
      priceMinor: 49 + Math.floor(rnd() * 5_000),
      taxCategoryId: rnd() < 0.7 ? 'food' : 'standard',
      soldBy: i % 40 === 0 ? 'weight' : 'unit',
      barcodes,
      active: i % 97 !== 0,
    });
  }
  return { products, codes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function meanMicros(inputs: readonly string[], run: (input: string) => unknown): number {
  const start = process.hrtime.bigint();
  for (const input of inputs) run(input);
  return Number(process.hrtime.bigint() - start) / 1e3 / inputs.length;
}

/** Runs service and bare over the same inputs, alternating which goes first; returns median means in µs. */
function compare(
  rounds: number,
  inputs: readonly string[],
  service: (input: string) => unknown,
  bare: (input: string) => unknown,
): { service: number; bare: number } {
  meanMicros(inputs, service);
  meanMicros(inputs, bare);
  const times = { service: [] as number[], bare: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      times.service.push(meanMicros(inputs, service));
      times.bare.push(meanMicros(inputs, bare));
    } else {
      times.bare.push(meanMicros(inputs, bare));
      times.service.push(meanMicros(inputs, service));
    }
  }
  return { service: median(times.service), bare: median(times.bare) };
}

export async function catalogBench(options: CatalogBenchOptions = {}): Promise<CatalogBenchResult> {
  const count = options.products ?? 100_000;
  const rounds = options.rounds ?? 15;
  const dir = mkdtempSync(path.join(tmpdir(), 'nopos-catalog-bench-'));
  const file = path.join(dir, 'terminal.db');
  const db = await openEncryptedDatabase(file, memoryKeychain());
  try {
    migrate(db, MIGRATIONS, file);
    const audit = new AuditTrail({ db, now: () => new Date(), terminalId: () => 'T-BENCH' });
    const catalog = new CatalogService({ db, audit, storeCurrency: () => 'EUR' });
    const { products, codes } = buildProducts(count);

    const loadStart = process.hrtime.bigint();
    catalog.applyChanges(
      {
        taxCategories: [
          { id: 'standard', name: 'Standard 20 %', rateBp: 2000 },
          { id: 'food', name: 'Food 5.5 %', rateBp: 550 },
        ],
        upsert: products,
      },
      'api',
    );
    const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
    db.exec('ANALYZE');

    // Scans as a till sees them: known codes, some in their 14-digit form, one in twenty unknown.
    const rnd = random(11);
    const scans = Array.from({ length: options.lookupsPerRound ?? 2_000 }, (_, i) => {
      if (i % 20 === 0) return `40${String(9_000_000_000 + i).slice(-10)}${gtinCheckDigit(`40${String(9_000_000_000 + i).slice(-10)}`)}`;
      const code = pick(codes, rnd);
      return i % 7 === 0 ? code.padStart(14, '0') : code;
    });
    // The fastest bare form (a scalar subquery on the code's primary key beats the equivalent join here).
    const bareLookup = db.prepare(
      'SELECT id, sku, name, grp, price_minor, tax_category_id, sold_by, active FROM products WHERE id = (SELECT product_id FROM product_barcodes WHERE code = ?)',
    );
    const barcode = compare(
      rounds,
      scans,
      (code) => catalog.findByBarcode(code),
      (code) => bareLookup.get(normalizeBarcode(code)),
    );

    const searches = Array.from({ length: options.searchesPerRound ?? 200 }, (_, i) => QUERIES[i % QUERIES.length] as string);
    const bareSearch = db.prepare('SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 20');
    const ftsOf = new Map(QUERIES.map((q) => [q, toFtsPrefixQuery(q) as string]));
    const search = compare(
      rounds,
      searches,
      (q) => catalog.search(q, 20),
      (q) => bareSearch.all(ftsOf.get(q)),
    );

    const round3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      products: count,
      loadMs: Math.round(loadMs),
      barcodeLookupUs: round3(barcode.service),
      barcodeBareUs: round3(barcode.bare),
      barcodeLookupVsBare: round3(barcode.service / barcode.bare),
      nameSearchUs: round3(search.service),
      nameSearchBareUs: round3(search.bare),
      nameSearchVsBare: round3(search.service / search.bare),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
