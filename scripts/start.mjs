// `npm start`: build, start the local NoPOS API sandbox, then run the terminal in Electron. Where the
// Electron binary cannot be had (no internet to fetch it, as on CI), say so in one line and run the
// browser host instead, which on a box without a Secret Service runs as a throw-away demo terminal.
import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { bindingPlan, buildElectronBinding, electronBindingFile, electronTarget } from './native/electron-sqlite.mjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const forceBrowser = process.argv.includes('--browser');
const children = new Set();

// Tests run this against an existing build; everyone else gets a fresh one.
if (process.env.NOPOS_START_SKIP_BUILD !== '1') {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Resolves within `ms`: a fresh offline box fails DNS at once or never answers. */
async function online(host, ms) {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), ms).unref());
  return Promise.race([
    lookup(host).then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}

async function electronBinary() {
  const pkgDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(pkgDir, 'path.txt');
  const binary = () => existsSync(pathFile) && path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (binary() && existsSync(binary())) return binary();
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' || !(await online('github.com', 3000))) return null;
  // Electron downloads its binary on first use: try once, quietly, and give up after 60 s.
  const fetched = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 60_000 });
  return fetched.status === 0 && binary() && existsSync(binary()) ? binary() : null;
}

/** Starts the sandbox and resolves with what it printed (URL, CA, code), or null if it could not start. */
function startSandbox() {
  const port = process.env.NOPOS_SANDBOX_PORT ?? '7443';
  const child = spawn(process.execPath, [path.join(root, 'dist/sandbox/index.cjs'), '--port', port], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  return new Promise((resolve) => {
    const lines = [];
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (lines.length === 1 || !line.startsWith('  ')) return;
      if (line.startsWith('  Data folder:')) resolve(lines.join('\n'));
    });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('exit', () => {
      children.delete(child);
      resolve(null);
      if (errors) process.stderr.write(`The sandbox API stopped: ${errors.trim()}\n`);
    });
  });
}

/**
 * Electron loads better-sqlite3 built for its own ABI: a copy beside the Node build (scripts/native/).
 * Resolves with the Electron binary, or null when that copy cannot be had (then: the browser host).
 */
async function withElectronSqlite(electron) {
  if (!electron) return null;
  const target = electronTarget(root);
  const copyExists = existsSync(electronBindingFile(root, target.abi));
  const plan = bindingPlan({ nodeAbi: process.versions.modules, electronAbi: target.abi, electronVersion: target.version, copyExists });
  console.log(plan.message);
  if (plan.action !== 'build') return electron;
  const { rebuild } = await import('@electron/rebuild');
  const built = await buildElectronBinding(root, target, (options) => rebuild(options));
  if (built.ok) return electron;
  console.log(`better-sqlite3 could not be built for Electron (${built.reason}): starting the browser host instead.`);
  return null;
}

const sandboxBanner = await startSandbox();
const binary = forceBrowser ? null : await withElectronSqlite(await electronBinary());
// The terminal starts enrolled in the sandbox: its URL, exactly its CA, and the one-time code it printed.
const sandbox = sandboxBanner
  ? {
      url: /running at (https:\/\/\S+)/.exec(sandboxBanner)?.[1],
      ca: /CA certificate:\s+(\S+)/.exec(sandboxBanner)?.[1],
      code: /Enrollment code:\s+([A-Z0-9-]+)/.exec(sandboxBanner)?.[1],
    }
  : {};
const enrollArgs = sandbox.code ? ['--enrollment-code', sandbox.code] : [];
const [command, args] = binary
  ? [binary, [root, ...enrollArgs]]
  : [process.execPath, [path.join(root, 'dist/browser-host/index.cjs'), '--demo-without-keychain', ...enrollArgs]];
const terminalEnv = {
  ...process.env,
  ...(sandbox.url && !process.env.NOPOS_API_BASE_URL ? { NOPOS_API_BASE_URL: sandbox.url } : {}),
  ...(sandbox.ca && !process.env.NOPOS_API_CA_FILE ? { NOPOS_API_CA_FILE: sandbox.ca } : {}),
};
if (!binary && !forceBrowser)
  console.log('Electron binary not available (it downloads on first run with internet): starting the browser host instead.');
console.log(sandboxBanner ? `${sandboxBanner}\n` : 'The sandbox API did not start; the terminal runs on its own.');
const terminal = spawn(command, args, { stdio: 'inherit', cwd: root, env: terminalEnv });
children.add(terminal);
const stopAll = (signal) => {
  for (const child of children) child.kill(signal);
};
terminal.on('exit', (code) => {
  children.delete(terminal);
  stopAll('SIGTERM');
  process.exitCode = code ?? 0;
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
