import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { importTarget, upwardReason } from './scripts/main-layers.mjs';

// The trust boundary, enforced at import time:
//   renderer/  may use shared/ only: no electron/, no browser-host/, no Node built-ins, no native modules;
//   shared/    may use neither side, nor Node or Electron;
//   electron/preload may use shared/ and `electron` only (it runs sandboxed);
//   nothing under electron/, renderer/ or shared/ may use sandbox/ (development only, never packaged),
//   and electron/ may not use browser-host/ (whose throw-away keychain the Electron entry must never pick).
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nativeAndElectron = ['electron', 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [...nodeBuiltins, ...nativeAndElectron].map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

/** A rule of its own so it adds to each layer's no-restricted-imports instead of replacing it. */
function noSandboxImports() {
  return {
    meta: {
      type: 'problem',
      schema: [],
      messages: {
        sandbox: 'sandbox/ is the development API stand-in: the app never imports it.',
        host: 'electron/ never imports browser-host/ (its throw-away keychain is for the browser host only).',
      },
    },
    create(context) {
      const inElectron = /(^|[\\/])electron[\\/]/.test(path.relative(context.cwd, context.filename));
      const check = (node, source) => {
        if (typeof source !== 'string') return;
        if (/(^|\/)sandbox(\/|$)/.test(source) && source.startsWith('.')) context.report({ node, messageId: 'sandbox' });
        else if (inElectron && /(^|\/)browser-host(\/|$)/.test(source)) context.report({ node, messageId: 'host' });
      };
      return {
        ImportDeclaration: (node) => check(node, node.source.value),
        ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
        ExportAllDeclaration: (node) => check(node, node.source.value),
        ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        CallExpression: (node) =>
          node.callee.name === 'require' && node.arguments[0]?.type === 'Literal' && check(node, node.arguments[0].value),
      };
    },
  };
}

/**
 * The layers inside electron/main/ (scripts/main-layers.mjs): an area never imports core/ or another
 * area's internals (only its index.ts face, or types: a port), and nothing below an area imports it.
 */
function mainLayers() {
  return {
    meta: {
      type: 'problem',
      schema: [],
      messages: {
        upward: "{{reason}}: {{source}}. Go through the area's index.ts face, a port type, or wire it in core/ (scripts/main-layers.mjs).",
      },
    },
    create(context) {
      const mainDir = path.resolve(context.cwd, 'electron', 'main');
      const from = path.relative(mainDir, context.filename);
      if (from.startsWith('..') || path.isAbsolute(from)) return {};
      const check = (node, typeOnly) => {
        const source = node.source?.value;
        if (typeof source !== 'string') return;
        const to = importTarget(mainDir, context.filename, source);
        const reason = to === null ? null : upwardReason(from, to, typeOnly);
        if (reason) context.report({ node, messageId: 'upward', data: { reason, source } });
      };
      const typesOnly = (node) =>
        node.importKind === 'type' ||
        node.exportKind === 'type' ||
        (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
      return {
        ImportDeclaration: (node) => check(node, typesOnly(node)),
        ExportNamedDeclaration: (node) => node.source && check(node, typesOnly(node)),
        ExportAllDeclaration: (node) => check(node, node.exportKind === 'type'),
        ImportExpression: (node) => node.source.type === 'Literal' && check(node, false),
      };
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['**/electron/**', '**/browser-host/**'],
        'The renderer is untrusted web content: it reaches main only through window.nopos.',
      ),
      'no-restricted-globals': [
        'error',
        { name: 'require', message: 'No Node in the renderer.' },
        { name: 'process', message: 'No Node in the renderer.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['**/electron/**', '**/renderer/**', '**/browser-host/**'],
      'shared/ is used by both sides and may import neither, nor Node.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring'].map((name) => ({
            name,
            message: 'A sandboxed preload can load only `electron`.',
          })),
          patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload depends on shared/ only.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'browser-host/**/*.ts'],
    ignores: ['browser-host/page/**', 'electron/main/secrets/os-keychain.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@napi-rs/keyring',
              message: 'Only electron/main/secrets/os-keychain.ts touches the keychain library: use the Keychain interface.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Main-process code never imports the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/secrets/os-keychain.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'Main-process code never imports the renderer.' }] },
      ],
    },
  },
  {
    files: ['browser-host/page/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(['**/electron/**', '**/renderer/**'], 'The page-side shim runs in the page: shared/ and its own protocol only.'),
  },
  {
    // Added after the rules above so it stacks with them: ESLint merges only the last
    // `no-restricted-imports` per file, so each layer's own rule repeats its patterns here.
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { sandbox: { rules: { 'no-sandbox-imports': noSandboxImports() } } },
    rules: { 'sandbox/no-sandbox-imports': 'error' },
  },
  {
    files: ['electron/main/**/*.ts'],
    plugins: { layers: { rules: { 'main-layers': mainLayers() } } },
    rules: { 'layers/main-layers': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@napi-rs/keyring', message: 'Tests reach the keychain through createOsKeychain, like the app.' }] },
      ],
    },
  },
);
