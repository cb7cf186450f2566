import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

// Found by the torture run (issue 19): the sandbox seeded a product whose GTIN check digit was
// wrong, so every catalog pull was refused and no sync run ever completed against a fresh sandbox.

let sb: TestSandbox;
let t: SyncTerminal;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
  await sb.cleanup();
});

describe('the first sync of a new terminal against a fresh sandbox', () => {
  it('completes a whole run: the store catalog is pulled and every seeded barcode scans', async () => {
    t = await syncTerminal(sb);
    await t.enroll();
    await t.drained();
    const status = await t.sync.engine.syncNow();
    expect(status.lastSyncAt).not.toBeNull();
    for (const code of ['4006381333931', '4006381333948', '4012345678901', '4098765432101']) {
      expect(t.storage.catalog.findByBarcode(code), code).not.toBeNull();
    }
  });
});
