import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connectivity } from '../../../shared/domain/sync';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

// Regression (issue 15, item 11): Online/Offline flapped three times within 9 s after the API went
// away: a run with nothing to deliver counted as "online" before its next request failed. Now only
// real answers decide, with hysteresis, and the offline-payment limit shows only for card payments.

let sb: TestSandbox;
let t: SyncTerminal;
beforeEach(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterEach(async () => {
  await t?.close();
  await sb.cleanup();
});

/** Every change of the status bar's state, in order. */
function watchConnectivity(terminal: SyncTerminal): Connectivity[] {
  const seen: Connectivity[] = [terminal.sync.engine.status().connectivity];
  terminal.sync.engine.onChange((status) => {
    if (seen.at(-1) !== status.connectivity) seen.push(status.connectivity);
  });
  return seen;
}

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('connectivity', () => {
  it('changes once when the API goes away and once when it is back, however many runs fail between', async () => {
    t = await syncTerminal(sb);
    await t.enroll();
    await t.drained();
    await until(() => t.sync.engine.status().connectivity === 'online', 'online');
    const seen = watchConnectivity(t);

    await sb.admin('PUT', '/admin/faults', { offline: true });
    // Offline probes every ≤ 50 ms here: dozens of failing runs, with and without items to deliver.
    await until(() => t.sync.engine.status().connectivity === 'offline', 'offline');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await t.sell(2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(seen).toEqual(['online', 'offline']);
    // The two sales and the open of their shift.
    expect(t.sync.engine.status()).toMatchObject({ pending: 3, warnAt: expect.any(String) as string, limitAt: null });

    await sb.admin('PUT', '/admin/faults', {});
    await t.drained(20_000);
    expect(seen).toEqual(['online', 'offline', 'online']);
  });
});
