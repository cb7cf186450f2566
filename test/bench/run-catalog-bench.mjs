// Runs the catalog bench alone: `node test/bench/run-catalog-bench.mjs` (BENCH_PRODUCTS to change the size).
// Bundles test/bench/catalog-bench.ts with vite into test-results/ and prints its figures as JSON.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'test-results', 'catalog-bench');
const external = ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: path.join(root, 'test/bench/catalog-bench.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: { external, output: { format: 'cjs', entryFileNames: 'catalog-bench.cjs' } },
  },
  ssr: { noExternal: true, external },
});
const { catalogBench } = (await import(pathToFileURL(path.join(outDir, 'catalog-bench.cjs')).href)).default;
const products = process.env.BENCH_PRODUCTS ? Number(process.env.BENCH_PRODUCTS) : undefined;
process.stdout.write(`${JSON.stringify({ register: await catalogBench(products ? { products } : {}) }, null, 2)}\n`);
