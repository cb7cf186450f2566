import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueMixedBacklog } from '../../support/mixed-backlog';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

// Issue 19.4: offline card payments are queued just before their sales. A backlog of 352 sales and
// 110 card payments went out as 111 transaction batches and 110 single payment posts, past the API's
// limit of 100 requests per key, route and 15 minutes. Against the sandbox with that very limit, it
// must drain in a handful of requests, with every payment at the API before its sale.

let sb: TestSandbox;
let t: SyncTerminal;
beforeAll(async () => {
  sb = await startTestSandbox(); // the production rate limit: 100 per key per route per 15 min
});
afterAll(async () => {
  await t?.close();
  await sb.cleanup();
});

describe('a backlog of sales with offline card payments among them', () => {
  it('drains in batches of payments and of sales, payments first, well within one rate window', async () => {
    t = await syncTerminal(sb);
    await t.enroll();
    await t.drained();
    const log = () =>
      readFileSync(sb.sandbox.logFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { route: string; status: number });
    const before = log().length;
    const queued = queueMixedBacklog(t.storage, 352, 110 / 352);
    expect(queued.payments).toHaveLength(110);
    await t.drained();

    const requests = log()
      .slice(before)
      .filter((r) => r.route.startsWith('/v1/payments') || r.route.startsWith('/v1/transactions'));
    expect(requests.filter((r) => r.status === 429)).toEqual([]);
    expect(requests.map((r) => r.route).sort()).toEqual([
      ...Array(2).fill('/v1/payments/batch'),
      ...Array(4).fill('/v1/transactions/batch'),
    ]);

    const db = sb.sandbox.services.db;
    const payments = db
      .prepare('SELECT transaction_client_id AS saleId, received_at AS at, status FROM payments WHERE offline = 1')
      .all() as { saleId: string; at: string; status: string }[];
    const sales = new Map(
      (db.prepare('SELECT client_id, received_at FROM transactions').all() as { client_id: string; received_at: string }[]).map((r) => [
        r.client_id,
        r.received_at,
      ]),
    );
    expect(payments).toHaveLength(110);
    expect(payments.every((p) => p.status === 'approved')).toBe(true);
    // Each payment reached the API no later than its sale.
    expect(payments.filter((p) => !(p.at <= (sales.get(p.saleId) ?? '')))).toEqual([]);
    expect(queued.sales.filter((id) => !sales.has(id))).toEqual([]);
  }, 120_000);
});
