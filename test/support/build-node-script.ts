import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from './browser';

/**
 * Bundles a TypeScript entry into one CommonJS file that plain `node` runs, the way the terminal's
 * own main process is built: for tests that need a real child process to kill.
 */
export async function buildNodeScript(entry: string, outDir: string): Promise<string> {
  const external = [
    'better-sqlite3-multiple-ciphers',
    '@napi-rs/keyring',
    'serialport',
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
  ];
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    publicDir: false,
    build: {
      ssr: path.join(ROOT, entry),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rolldownOptions: { external, output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
    ssr: { noExternal: true, external },
  });
  return path.join(outDir, 'index.cjs');
}
