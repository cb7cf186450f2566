// `npm start`: build, then run the terminal in Electron. Where the Electron binary cannot be had
// (no internet to fetch it, as on CI), say so in one line and run the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const forceBrowser = process.argv.includes('--browser');

const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

function electronBinary() {
  const pkgDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(pkgDir, 'path.txt');
  const binary = () => existsSync(pathFile) && path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (binary() && existsSync(binary())) return binary();
  // Electron 45 downloads its binary on first use; try once, quietly, and fall back if offline.
  const fetched = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  return fetched.status === 0 && binary() && existsSync(binary()) ? binary() : null;
}

const binary = forceBrowser ? null : electronBinary();
const [command, args] = binary
  ? [binary, [root]]
  : [process.execPath, [path.join(root, 'dist/browser-host/index.cjs')]];
if (!binary && !forceBrowser) console.log('Electron binary not available (it downloads on first run with internet): starting the browser host instead.');
const child = spawn(command, args, { stdio: 'inherit', cwd: root });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
