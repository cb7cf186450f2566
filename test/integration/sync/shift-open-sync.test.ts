import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, uuidV7, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

// Issue 15 item 17: the API learnt of a shift only when it closed. The open is now queued with the
// shift and reaches the sandbox over real HTTPS before the shift's sales and its close, exactly once.

let sb: TestSandbox;
let t: SyncTerminal | undefined;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterAll(() => sb.cleanup());
afterEach(async () => {
  await t?.close();
  t = undefined;
  await sb.admin('PUT', '/admin/faults', {});
});

interface Held {
  client_id: string;
  type: string;
  total_minor: number;
  body: string;
}
const held = (terminalId: string) =>
  sb.sandbox.services.db
    .prepare('SELECT client_id, type, total_minor, body FROM transactions WHERE terminal_id = ? ORDER BY rowid')
    .all(terminalId) as Held[];

describe('a shift open reaches the API', () => {
  it('before the sales and the close of a shift made offline, once, with the close still under the shift id', async () => {
    t = await syncTerminal(sb);
    // The whole shift happens before the terminal ever reaches the API: one backlog, sent in order.
    const shift = t.core.register.shifts.open(12_000, t.staffId);
    const sales = await t.sell(2);
    const report = t.core.register.shifts.close(12_000, t.staffId, 'any');
    expect(report).toMatchObject({ kind: 'Z' });
    const terminalId = await t.enroll();
    await t.drained();

    const rows = held(terminalId);
    expect(rows.map((r) => r.type)).toEqual(['shift_open', 'sale', 'sale', 'shift_close']);
    const [open, , , close] = rows;
    expect(open).toMatchObject({ total_minor: 12_000 });
    expect(JSON.parse(open!.body)).toEqual({ shiftId: shift.shiftId, openedBy: t.staffId, floatMinor: 12_000 });
    expect(open!.client_id).not.toBe(shift.shiftId);
    expect(close!.client_id).toBe(shift.shiftId);
    expect(rows.slice(1, 3).map((r) => r.client_id)).toEqual(sales);

    // Delivered again (an answer lost on the way back): the API keeps the one it has.
    t.storage.db.prepare("UPDATE outbox SET status = 'queued' WHERE kind = 'shift_open'").run();
    t.sync.engine.nudge();
    await t.drained();
    expect(held(terminalId).map((r) => r.type)).toEqual(['shift_open', 'sale', 'sale', 'shift_close']);
  });

  it('is accepted idempotently by the sandbox: the same open is a duplicate, another under its client id a conflict, a malformed one refused', async () => {
    const { apiKey } = await sb.enroll();
    const open = {
      clientId: uuidV7(),
      type: 'shift_open',
      terminalSequence: null,
      occurredAt: new Date().toISOString(),
      currency: 'EUR',
      totalMinor: 5_000,
      body: { shiftId: uuidV7(), openedBy: 'st_someone00001', floatMinor: 5_000 },
    };
    const send = (items: unknown[]) =>
      sb.call('POST', '/v1/transactions/batch', { key: apiKey, idempotencyKey: uuidV7(), body: { items } });
    const first = await send([open]);
    expect(first.status).toBe(200);
    expect(first.json.results).toEqual([
      expect.objectContaining({
        status: 'created',
        transaction: expect.objectContaining({ clientId: open.clientId, type: 'shift_open', totalMinor: 5_000 }),
      }),
    ]);
    expect((await send([open])).json.results).toEqual([
      expect.objectContaining({ status: 'duplicate', transaction: first.json.results[0].transaction }),
    ]);
    expect((await send([{ ...open, totalMinor: 6_000, body: { ...open.body, floatMinor: 6_000 } }])).json.results).toEqual([
      expect.objectContaining({ status: 'rejected', clientId: open.clientId, error: expect.objectContaining({ code: 'conflict' }) }),
    ]);
    const malformed = [
      { ...open, clientId: uuidV7(), body: { floatMinor: 5_000 } },
      { ...open, clientId: uuidV7(), totalMinor: 1 },
    ];
    expect(
      (await send(malformed)).json.results.map((r: { status: string; error?: { code: string } }) => [r.status, r.error?.code]),
    ).toEqual([
      ['rejected', 'invalid_request'],
      ['rejected', 'invalid_request'],
    ]);
  });
});
