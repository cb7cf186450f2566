import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { upwardImports } from '../tools/import-graph.mjs';

// The layers inside electron/main/ are checked by lint, not by memory: this proves the rule fires, so
// loosening it by accident fails the suite instead of passing silently.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'layers/main-layers').map((m) => m.message);
}

describe('the layers inside electron/main/', () => {
  // The first lint loads the parser and the config; on a busy machine that alone takes seconds.
  beforeAll(() => layerErrors('electron/main/core/x.ts', 'export {};'), 60_000);

  it.each([
    [
      'an area importing core/',
      'electron/main/sales/x.ts',
      "import { createAppCore } from '../core/app-core'; export default createAppCore;",
    ],
    [
      'an area importing core/, even a type',
      'electron/main/sync/x.ts',
      "import type { TerminalStorage } from '../core/terminal-storage'; export type T = TerminalStorage;",
    ],
    [
      "an area importing another area's internals",
      'electron/main/shifts/x.ts',
      "import { CartService } from '../sales/cart-service'; export default CartService;",
    ],
    ["an area re-exporting another area's internals", 'electron/main/shifts/x.ts', "export { CartService } from '../sales/cart-service';"],
    [
      'infrastructure importing an area',
      'electron/main/storage/x.ts',
      "import { SyncEngine } from '../sync/sync-engine'; export default SyncEngine;",
    ],
    [
      "infrastructure importing an area's face, even a type",
      'electron/main/storage/x.ts',
      "import type { Sync } from '../sync'; export type S = Sync;",
    ],
    [
      'the register base importing an area',
      'electron/main/ledger/x.ts',
      "import { cashTender } from '../sales/tender'; export default cashTender;",
    ],
    [
      'infrastructure importing the register base',
      'electron/main/audit/x.ts',
      "import { SalesLedger } from '../ledger/sales-ledger'; export default SalesLedger;",
    ],
  ])('refuses %s', async (_what, file, code) => {
    expect(await layerErrors(file, code)).toEqual([expect.stringMatching(/face, a port type, or wire it in core/)]);
  });

  it.each([
    [
      "an area using another area's face",
      'electron/main/sync/x.ts',
      "import { EnrollmentError } from '../enrollment'; export default EnrollmentError;",
    ],
    [
      'an area using a port type of another area',
      'electron/main/payments/x.ts',
      "import type { CheckoutService } from '../sales/checkout-service'; export type C = CheckoutService;",
    ],
    [
      'an area using the register base and infrastructure',
      'electron/main/shifts/x.ts',
      "import { SalesLedger } from '../ledger/sales-ledger'; import { writeTransaction } from '../storage/transaction'; export default [SalesLedger, writeTransaction];",
    ],
    [
      'core composing any area',
      'electron/main/core/x.ts',
      "import { CartService } from '../sales/cart-service'; export default CartService;",
    ],
    ['an area inside itself', 'electron/main/sales/x.ts', "import { CartService } from './cart-service'; export default CartService;"],
  ])('allows %s', async (_what, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('holds for the whole tree today: no import runs up or across the layers', () => {
    expect(upwardImports()).toEqual([]);
  });
});
