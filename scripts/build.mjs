// Builds every part of the terminal with the modes in vite.config.ts.
import { build } from 'vite';

const modes =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['renderer', 'main', 'preload', 'browser-host', 'host-bridge', 'sandbox'];
for (const mode of modes) {
  await build({ mode, logLevel: 'warn', configFile: new URL('../vite.config.ts', import.meta.url).pathname });
}
console.log(`built: ${modes.join(', ')}`);
