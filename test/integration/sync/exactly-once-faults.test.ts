import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { outboxClientIds, sandboxClientIds, syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

// 5,000 sales made offline through the real register, then synced over HTTPS while the sandbox
// injects 30 % faults. Fault timing is sped up (Retry-After 0, short latency); the count is not.

const SALES = 5_000;
let sb: TestSandbox;
let t: SyncTerminal;

beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
  t = await syncTerminal(sb);
});
afterAll(async () => {
  await t.close();
  await sb.cleanup();
});

describe('exactly once under faults', () => {
  it(`delivers ${SALES} sales queued offline exactly once through drops, resets, 500/503, 429 and latency`, async () => {
    const terminalId = await t.enroll();
    await t.drained();
    await sb.admin('PUT', '/admin/faults', { offline: true });
    await t.sell(SALES);
    // Offline takes two unanswered requests in a row (reachability.ts): each run makes one here.
    await t.sync.engine.syncNow();
    await t.sync.engine.syncNow();
    // The sales and the open of their shift.
    expect(t.sync.engine.status()).toMatchObject({ connectivity: 'offline', pending: SALES + 1 });

    await sb.admin('PUT', '/admin/faults', {
      seed: 7,
      rate: 0.3,
      modes: ['drop', 'reset', 'http500', 'http503', 'http429'],
      burst: 2,
      latencyMs: [0, 20],
      retryAfterSeconds: 0,
    });
    await t.drained(240_000);

    const held = sandboxClientIds(sb, terminalId);
    const queued = outboxClientIds(t.storage);
    expect(queued).toHaveLength(SALES);
    expect([...held.values()].every((n) => n === 1)).toBe(true);
    expect(queued.every((id) => held.get(id) === 1)).toBe(true);
    expect(t.sync.queue.pendingStats().count).toBe(0);
    expect(t.storage.needsAttention.openCount()).toBe(0);
    // With the faults off, the next run finds the API and says so.
    const counts = { ...sb.sandbox.services.faults.counts };
    await sb.admin('PUT', '/admin/faults', {});
    expect((await t.sync.engine.syncNow()).connectivity).toBe('online');
    // The faults really happened.
    for (const mode of ['drop', 'reset', 'http500', 'http503', 'http429'] as const) expect(counts[mode] ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
