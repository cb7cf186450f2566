import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderOpenApi } from '../../sandbox/openapi';

// The sandbox and the demo keychain are development tools: the app never imports them, the
// installer never carries them, and the Electron entry can never pick the throw-away keychain.
const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'sandbox/no-sandbox-imports' || m.ruleId === 'no-restricted-imports').length;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourcesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('sandbox and demo keychain stay out of the app', () => {
  it.each([
    ['electron/main/x.ts', "import { startSandbox } from '../../sandbox/server'; export default startSandbox;"],
    ['electron/main/sync/x.ts', "export { createV1Handlers } from '../../../sandbox/http/v1-handlers';"],
    ['renderer/src/x.ts', "import { luhnValid } from '../../sandbox/card-data'; export default luhnValid;"],
    ['shared/api/x.ts', "import { FAULT_MODES } from '../../sandbox/faults'; export default FAULT_MODES;"],
    ['electron/main/x.ts', "import { createDemoKeychain } from '../../browser-host/demo-keychain'; export default createDemoKeychain;"],
    ['electron/main/core/x.ts', "const k = await import('../../../browser-host/demo-keychain'); export default k;"],
  ])('%s may not: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toBeGreaterThan(0);
  });

  it("still applies each layer's own import rules alongside it", async () => {
    expect(await boundaryErrors('renderer/src/x.ts', "import fs from 'node:fs'; export default fs;")).toBeGreaterThan(0);
    expect(
      await boundaryErrors('electron/main/x.ts', "import { contract } from '../../shared/ipc/contract'; export default contract;"),
    ).toBe(0);
    expect(await boundaryErrors('shared/api/x.ts', "import { z } from 'zod'; export default z;")).toBe(0);
  });

  it('no file under electron/ names browser-host/ or the demo keychain, and the Electron entry uses the OS keychain', () => {
    const offenders = sourcesUnder(path.join(ROOT, 'electron')).filter((file) =>
      /(?:from|import\(|require\()\s*['"][^'"]*(?:browser-host|sandbox)\/|createDemoKeychain/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
    const entry = readFileSync(path.join(ROOT, 'electron/main/index.ts'), 'utf8');
    expect(entry).toMatch(/keychain(?: =|:) createOsKeychain\(\)/);
    expect(entry).not.toMatch(/memoryKeychain|DemoKeychain|demo-keychain/i);
  });

  it('the installer takes only the built main, preload and renderer: no sandbox build or source', () => {
    const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[] };
    expect(config.files.filter((entry) => !entry.startsWith('!') && /sandbox|browser-host/.test(entry))).toEqual([]);
    expect(config.files.filter((entry) => !entry.startsWith('!'))).toEqual([
      'package.json',
      'dist/main/**',
      'dist/preload/**',
      'dist/renderer/**',
    ]);
  });

  it(`${OPENAPI_FILE} is generated from the current schemas (run \`npm run openapi\`)`, () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(readFileSync(path.join(ROOT, OPENAPI_FILE), 'utf8')).toBe(renderOpenApi(version));
  });
});
