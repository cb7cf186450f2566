// `npm run openapi`: regenerates docs/openapi.json from the wire schemas in shared/api.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runnerImport } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { module } = await runnerImport(path.join(root, 'sandbox/openapi.ts'), { configFile: false, root, logLevel: 'warn' });
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
writeFileSync(path.join(root, module.OPENAPI_FILE), module.renderOpenApi(version));
console.log(`wrote ${module.OPENAPI_FILE}`);
