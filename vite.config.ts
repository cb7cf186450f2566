import { builtinModules } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/main/window/content-security-policy.ts';

/**
 * One config, one build per mode:
 *   renderer      the React page                 → dist/renderer
 *   main          Electron main process (CJS)    → dist/main/index.cjs
 *   preload       sandboxed preload (CJS, bundled, only `electron` external) → dist/preload/index.cjs
 *   browser-host  the loopback host for dev/e2e  → dist/browser-host/index.cjs
 *   host-bridge   the page-side shim it serves   → dist/browser-host/bridge.js
 *   sandbox       the local NoPOS API (development only, never packaged) → dist/sandbox/index.cjs
 *   bench         `npm run bench` (built on demand, never by default) → dist/bench/index.cjs
 *   bench-probes  its memory probes, lean child processes               → dist/bench-probes/index.cjs
 *   policy-schema `npm run policy:schema` (on demand) → dist/policy-schema/index.cjs
 *   torture       `npm run torture` (on demand), and the terminal it kills → dist/torture, dist/torture-terminal
 * `scripts/build.mjs` runs them in order.
 */
const root = import.meta.dirname;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// serialport: N-API prebuilds inside the package, loaded from node_modules (never bundled).
const nativeModules = ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'serialport'];

/** The same policy the app:// protocol sends as a header, also in the page in case a header is lost. */
function cspMetaTag(): Plugin {
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'nopos-csp-meta',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

function nodeBundle(entry: string, outDir: string, external: string[]): UserConfig {
  return {
    root,
    publicDir: false,
    build: {
      ssr: path.join(root, entry),
      outDir: path.join(root, outDir),
      emptyOutDir: true,
      target: 'node20',
      sourcemap: false,
      minify: false,
      rolldownOptions: {
        external,
        output: { format: 'cjs', entryFileNames: 'index.cjs' },
      },
    },
    ssr: { noExternal: true, external },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  switch (mode) {
    case 'main':
      // electron-updater stays a runtime dependency, loaded from the ASAR's node_modules.
      // The update key is fixed at build time (electron/main/updates/update-public-key.ts): `npm run dist` sets it.
      return {
        ...nodeBundle('electron/main/index.ts', 'dist/main', ['electron', 'electron-updater', ...nativeModules, ...nodeBuiltins]),
        define: { 'process.env.NOPOS_UPDATE_PUBLIC_KEY': JSON.stringify(process.env.NOPOS_UPDATE_PUBLIC_KEY ?? '') },
      };
    case 'preload':
      // A sandboxed preload can require only `electron`: everything else is bundled in.
      return nodeBundle('electron/preload/index.ts', 'dist/preload', ['electron']);
    case 'browser-host':
      // playwright-core (receipt PDFs through real Chromium) is a dev dependency, loaded from node_modules.
      return nodeBundle('browser-host/main.ts', 'dist/browser-host', [...nativeModules, ...nodeBuiltins, 'playwright-core']);
    case 'sandbox':
      return nodeBundle('sandbox/main.ts', 'dist/sandbox', [...nativeModules, ...nodeBuiltins]);
    case 'bench-probes':
      return nodeBundle('test/bench/probes.ts', 'dist/bench-probes', [...nativeModules, ...nodeBuiltins]);
    case 'bench':
      return nodeBundle('test/bench/index.ts', 'dist/bench', [
        ...nativeModules,
        ...nodeBuiltins,
        'playwright-core',
        '@axe-core/playwright',
      ]);
    case 'torture':
      return nodeBundle('test/torture/index.ts', 'dist/torture', [...nativeModules, ...nodeBuiltins, 'playwright-core']);
    case 'torture-terminal':
      return nodeBundle('test/torture/terminal.ts', 'dist/torture-terminal', [...nativeModules, ...nodeBuiltins]);
    case 'policy-schema':
      return nodeBundle('test/tools/write-policy-schema.ts', 'dist/policy-schema', nodeBuiltins);
    case 'host-bridge':
      return {
        root,
        publicDir: false,
        build: {
          outDir: path.join(root, 'dist/browser-host'),
          emptyOutDir: false,
          target: 'chrome120',
          lib: {
            entry: path.join(root, 'browser-host/page/bridge-shim.ts'),
            formats: ['iife'],
            name: 'noposBridge',
            fileName: () => 'bridge.js',
          },
        },
      };
    default:
      return {
        root: path.join(root, 'renderer'),
        base: './',
        publicDir: path.join(root, 'renderer/public'),
        plugins: [react(), cspMetaTag()],
        build: {
          outDir: path.join(root, 'dist/renderer'),
          emptyOutDir: true,
          target: 'chrome120',
          sourcemap: false,
          // The CSP forbids inline script, so nothing may be inlined as a data: module either.
          assetsInlineLimit: 0,
          modulePreload: { polyfill: false },
        },
      };
  }
});
