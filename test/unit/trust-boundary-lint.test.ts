import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules are the trust boundary's guard rails; this proves they fire, so loosening the
// config by accident fails the suite instead of passing silently.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import rules that keep the trust boundary', () => {
  it.each([
    ['renderer/src/x.ts', "import fs from 'node:fs'; export default fs;"],
    ['renderer/src/x.ts', "import fs from 'fs'; export default fs;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'; export default ipcRenderer;"],
    ['renderer/src/x.ts', "import { createIpcRegistry } from '../../electron/main/ipc/registry'; export default createIpcRegistry;"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3-multiple-ciphers'; export default Database;"],
    ['shared/ipc/x.ts', "import { app } from 'electron'; export default app;"],
    ['shared/ipc/x.ts', "import crypto from 'node:crypto'; export default crypto;"],
    ['shared/ipc/x.ts', "import { App } from '../../renderer/src/App'; export default App;"],
    ['shared/ipc/x.ts', "import { createAppCore } from '../../electron/main/core/app-core'; export default createAppCore;"],
    ['electron/preload/x.ts', "import fs from 'node:fs'; export default fs;"],
    ['electron/preload/x.ts', "import { createAppCore } from '../main/core/app-core'; export default createAppCore;"],
    ['electron/main/x.ts', "import { App } from '../../renderer/src/App'; export default App;"],
    ['electron/main/storage/x.ts', "import { AsyncEntry } from '@napi-rs/keyring'; export default AsyncEntry;"],
    ['browser-host/x.ts', "import { Entry } from '@napi-rs/keyring'; export default Entry;"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/src/x.ts', "import { contract } from '../../shared/ipc/contract'; export default contract;"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron'; export default contextBridge;"],
    ['electron/main/x.ts', "import fs from 'node:fs'; export default fs;"],
    ['electron/main/secrets/os-keychain.ts', "import { AsyncEntry } from '@napi-rs/keyring'; export default AsyncEntry;"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toBe(0);
  });
});
