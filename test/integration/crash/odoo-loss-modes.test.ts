import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

// Odoo POS's known loss mode (issue 19.6): orders still unsynced when the session is closed are lost
// or stuck. Here the shift is closed while the API is out of reach; every sale and the close itself
// reach the API once the link returns, sales before the close, each once. (Odoo's other two, a
// reload inside the write window and a low disk, are register-crash.test.ts and disk-full.test.ts.)

let sb: TestSandbox;
let t: SyncTerminal;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterAll(async () => {
  await t?.close();
  await sb.cleanup();
});

describe('closing the shift with sales not yet synced', () => {
  it('loses none of them: sales and the close reach the API once the link returns, in order, each once', async () => {
    t = await syncTerminal(sb);
    const terminalId = await t.enroll();
    await t.drained();
    await sb.admin('PUT', '/admin/faults', { offline: true });
    const sales = await t.sell(5);
    // The count need not match: the close is confirmed whatever the difference.
    t.core.register.shifts.close(10_000, t.staffId, 'any');
    expect(t.sync.queue.pendingStats().count).toBeGreaterThanOrEqual(6);

    await sb.admin('PUT', '/admin/faults', {});
    await t.sync.engine.syncNow();
    await t.drained();
    const held = sb.sandbox.services.db
      .prepare('SELECT client_id, type, terminal_sequence FROM transactions WHERE terminal_id = ? ORDER BY rowid')
      .all(terminalId) as { client_id: string; type: string }[];
    expect(held.filter((r) => r.type === 'sale').map((r) => r.client_id)).toEqual(sales);
    expect(held.map((r) => r.type).at(-1)).toBe('shift_close');
    expect(new Set(held.map((r) => r.client_id)).size).toBe(held.length);
  }, 60_000);
});
