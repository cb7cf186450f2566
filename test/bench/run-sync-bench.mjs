// Runs the sync bench alone: `node test/bench/run-sync-bench.mjs`.
// Bundles test/bench/sync-bench.ts with vite into test-results/ and prints its figures as JSON.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');
const outDir = path.join(root, 'test-results', 'sync-bench');
const external = ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: path.join(root, 'test/bench/sync-bench.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: { external, output: { format: 'cjs', entryFileNames: 'sync-bench.cjs' } },
  },
  ssr: { noExternal: true, external },
});
const { runSyncBench } = (await import(pathToFileURL(path.join(outDir, 'sync-bench.cjs')).href)).default;
process.stdout.write(`${JSON.stringify({ sync: await runSyncBench() }, null, 2)}\n`);
