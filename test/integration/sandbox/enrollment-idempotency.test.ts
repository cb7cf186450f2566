import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, sale, uuidV7, type TestSandbox } from '../../support/sandbox-client';

let clock = new Date('2026-03-01T09:00:00Z').getTime();
let sb: TestSandbox;
let codes: TestSandbox;
let replays: TestSandbox;
beforeAll(async () => {
  replays = await startTestSandbox({ now: () => new Date(clock) });
  sb = await startTestSandbox({ now: () => new Date(clock) });
  codes = await startTestSandbox({ now: () => new Date(clock), enrollmentRateLimit: { max: 5, windowMs: 60_000 } });
});
afterAll(async () => {
  await sb.cleanup();
  await codes.cleanup();
  await replays.cleanup();
});

describe('enrollment codes', () => {
  it('are single use', async () => {
    const { json } = await codes.admin('POST', '/admin/enrollment-codes', {});
    const first = await codes.call('POST', '/v1/enrollments', {
      idempotencyKey: uuidV7(),
      body: { code: json.code, terminalName: 'Till 1' },
    });
    expect(first.status).toBe(201);
    expect(first.json.apiKey).toMatch(/^sk_test_/);
    const again = await codes.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code: json.code } });
    expect(again.status).toBe(400);
    expect(again.json.error).toMatchObject({ code: 'enrollment_code_invalid', message: expect.stringMatching(/already used/) });
    expect(again.text).not.toContain(first.json.apiKey);
  });

  it('replay the first answer for the same code and request id for 24 h (a terminal that lost it asks again), and no one else gets it', async () => {
    const { json } = await replays.admin('POST', '/admin/enrollment-codes', {});
    const requestId = uuidV7();
    const ask = (key: string, code = json.code) =>
      replays.call('POST', '/v1/enrollments', { idempotencyKey: key, body: { code, terminalName: 'Till 9' } });
    const first = await ask(requestId);
    expect(first.status).toBe(201);
    clock += 23 * 3600_000;
    const lost = await ask(requestId);
    expect([lost.status, lost.text, lost.headers['idempotent-replayed']]).toEqual([201, first.text, 'true']);
    // Another request id with the spent code, or the same id with another code: refused, nothing leaks.
    const other = await ask(uuidV7());
    expect([other.status, other.json.error.code]).toEqual([400, 'enrollment_code_invalid']);
    expect(other.text).not.toContain(first.json.apiKey);
    const { json: next } = await replays.admin('POST', '/admin/enrollment-codes', {});
    expect((await ask(requestId, next.code)).json.error.code).toBe('idempotency_key_reused');
    // Past the 24 h the code is simply spent.
    clock += 3600_000 + 1;
    expect((await ask(requestId)).json.error.code).toBe('enrollment_code_invalid');
    expect(replays.sandbox.services.tenants.terminals().filter((t) => t.name === 'Till 9')).toHaveLength(1);
  });

  it('expire after 24 hours', async () => {
    const { json } = await codes.admin('POST', '/admin/enrollment-codes', {});
    clock += 24 * 3600_000;
    const late = await codes.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code: json.code } });
    expect(late.json.error).toMatchObject({ code: 'enrollment_code_invalid', message: expect.stringMatching(/expired/) });
  });

  it('refuse unknown codes and rate-limit guessing, even a right code once the limit is reached', async () => {
    const guesses = [];
    // The three attempts above used 3 of the 5 allowed per window.
    for (let i = 0; i < 2; i++)
      guesses.push(
        await codes.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code: `AAAA-BBBB-CC${'DEF'[i]}${'G'}` } }),
      );
    expect(guesses.map((g) => g.json.error.code)).toEqual(['enrollment_code_invalid', 'enrollment_code_invalid']);
    const { json } = await codes.admin('POST', '/admin/enrollment-codes', {});
    const blocked = await codes.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code: json.code } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('idempotency', () => {
  it('requires a key on every POST', async () => {
    const terminal = await sb.enroll();
    const reply = await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, body: sale() });
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe('idempotency_key_required');
  });

  it('replays the first result, success or error, for the same key', async () => {
    const terminal = await sb.enroll();
    const item = sale();
    const first = await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item });
    const replay = await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const bad = { ...sale(), totalMinor: 1.5 };
    const error = await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: bad.clientId, body: bad });
    const errorReplay = await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: bad.clientId, body: bad });
    expect(error.status).toBe(400);
    expect(errorReplay.headers['idempotent-replayed']).toBe('true');
    expect(errorReplay.text).toBe(error.text);
    // Past the 24 h window the key is forgotten, but the client id still stores the sale once.
    clock += 24 * 3600_000 + 1;
    const late = await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item });
    expect(late.headers['idempotent-replayed']).toBeUndefined();
    expect(late.status).toBe(200);
    expect(late.json.id).toBe(first.json.id);
  });

  it('answers 422 for the same key with a different body', async () => {
    const terminal = await sb.enroll();
    const item = sale();
    await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item });
    const reused = await sb.call('POST', '/v1/transactions', {
      key: terminal.apiKey,
      idempotencyKey: item.clientId,
      body: { ...item, totalMinor: 999 },
    });
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('idempotency_key_reused');
  });

  it('answers 409 while the same key is still in flight, then replays the result', async () => {
    const terminal = await sb.enroll();
    sb.sandbox.services.faults.configure({ latencyMs: [300, 300] });
    try {
      const item = sale();
      const send = () => sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item });
      const first = send();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await send();
      expect(second.status).toBe(409);
      expect(second.json.error.code).toBe('idempotency_in_flight');
      expect((await first).status).toBe(201);
      const third = await send();
      expect(third.headers['idempotent-replayed']).toBe('true');
      expect(sb.sandbox.services.ledger.countTransactions(terminal.terminalId)).toBe(1);
    } finally {
      sb.sandbox.services.faults.configure({});
    }
  });

  it('keeps keys per API key: another terminal may use the same key', async () => {
    const [a, b] = [await sb.enroll(), await sb.enroll()];
    const key = uuidV7();
    expect((await sb.call('POST', '/v1/transactions', { key: a.apiKey, idempotencyKey: key, body: sale() })).status).toBe(201);
    expect((await sb.call('POST', '/v1/transactions', { key: b.apiKey, idempotencyKey: key, body: sale() })).status).toBe(201);
  });
});
