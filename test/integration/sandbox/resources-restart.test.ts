import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PAYMENT_TOKENS, transactionBatchResponseSchema, paymentRecordSchema } from '../../../shared/api';
import { startTestSandbox, sale, uuidV7, type TestSandbox } from '../../support/sandbox-client';
import { tempDir } from '../../support/storage';

const scratch = tempDir('sandbox-restart');
const running: TestSandbox[] = [];
afterAll(async () => {
  for (const sb of running) await sb.cleanup();
  scratch.cleanup();
});
const start = async (options: Parameters<typeof startTestSandbox>[0] = {}) => {
  const sb = await startTestSandbox(options);
  running.push(sb);
  return sb;
};

const payment = (paymentToken: string) => ({
  clientId: uuidV7(),
  transactionClientId: uuidV7(),
  amountMinor: 1250,
  currency: 'EUR',
  paymentToken,
  capturedAt: new Date().toISOString(),
  offline: true,
  card: { brand: 'visa', last4: '4242', entryMode: 'contactless' },
});

describe('resources', () => {
  it('batches of up to 100 give one result per item: created, duplicate or rejected, never blocking the rest', async () => {
    const sb = await start();
    const t = await sb.enroll();
    const first = sale({ terminalSequence: 1 });
    await sb.call('POST', '/v1/transactions', { key: t.apiKey, idempotencyKey: first.clientId, body: first });
    const items = [
      first,
      sale({ terminalSequence: 2 }),
      { ...sale(), totalMinor: 'ten' },
      { ...first, totalMinor: 1 },
      sale({ terminalSequence: 3, type: 'shift_close', body: { counted: 1000 } }),
      // Cash movements and shift closes are not numbered documents; sales, refunds and voids always are.
      sale({ terminalSequence: null, type: 'paid_out', body: { reason: 'window cleaner' } }),
      sale({ terminalSequence: null }),
    ];
    const reply = await sb.call('POST', '/v1/transactions/batch', { key: t.apiKey, idempotencyKey: uuidV7(), body: { items } });
    const { results } = transactionBatchResponseSchema.parse(reply.json);
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'created', 'rejected', 'rejected', 'created', 'created', 'rejected']);
    expect(results[3]).toMatchObject({ clientId: first.clientId, error: { code: 'conflict' } });
    const tooMany = await sb.call('POST', '/v1/transactions/batch', {
      key: t.apiKey,
      idempotencyKey: uuidV7(),
      body: { items: Array.from({ length: 101 }, () => sale()) },
    });
    expect(tooMany.status).toBe(400);
    expect((await sb.call('GET', `/v1/transactions/${items[1]!.clientId}`, { key: t.apiKey })).json.terminalSequence).toBe(2);
    expect((await sb.call('GET', `/v1/transactions/${uuidV7()}`, { key: t.apiKey })).status).toBe(404);
  });

  it('payment tokens decide the outcome; the token is never stored or returned', async () => {
    const sb = await start();
    const t = await sb.enroll();
    const send = (body: object) => sb.call('POST', '/v1/payments', { key: t.apiKey, idempotencyKey: uuidV7(), body });
    const approved = await send(payment(TEST_PAYMENT_TOKENS.approve));
    expect([approved.status, paymentRecordSchema.parse(approved.json).status]).toEqual([201, 'approved']);
    for (const [token, code] of [
      [TEST_PAYMENT_TOKENS.decline, 'card_declined'],
      [TEST_PAYMENT_TOKENS.insufficientFunds, 'insufficient_funds'],
      [TEST_PAYMENT_TOKENS.processingError, 'processing_error'],
    ]) {
      const reply = await send(payment(token!));
      expect([reply.status, reply.json.error.code]).toEqual([402, code]);
      expect(reply.json.error.paymentId).toMatch(/^pay_/);
    }
    const later = payment(TEST_PAYMENT_TOKENS.declineAfterForward);
    expect((await send(later)).json.status).toBe('approved');
    const feed = await sb.call('GET', '/v1/events', { key: t.apiKey });
    expect(feed.json.events).toEqual([
      expect.objectContaining({ type: 'payment.declined_after_forward', data: expect.objectContaining({ clientId: later.clientId }) }),
    ]);
    expect((await sb.call('GET', `/v1/payments/${later.clientId}`, { key: t.apiKey })).json.status).toBe('declined_after_forward');
    expect(approved.text).not.toContain('tok_');
  });

  it('takes audit uploads with the chain head, security events, staff pulls and serves the back office', async () => {
    const sb = await start();
    const t = await sb.enroll();
    const h = (c: string) => c.repeat(64);
    const audit = await sb.call('POST', '/v1/audit-trail', {
      key: t.apiKey,
      idempotencyKey: uuidV7(),
      body: {
        headHash: h('b'),
        entries: [
          {
            seq: 1,
            at: new Date().toISOString(),
            action: 'staff.sign_in',
            actorId: 'stf-1',
            data: { role: 'cashier' },
            prevHash: h('0'),
            hash: h('b'),
          },
        ],
      },
    });
    expect(audit.json).toEqual({ accepted: 1, headHash: h('b'), headSeq: 1 });
    const events = { events: [{ id: 'sec-0001', at: new Date().toISOString(), event: 'pin.lockout', severity: 'warning' }] };
    expect((await sb.call('POST', '/v1/security-events', { key: t.apiKey, idempotencyKey: uuidV7(), body: events })).json).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    expect((await sb.call('POST', '/v1/security-events', { key: t.apiKey, idempotencyKey: uuidV7(), body: events })).json).toEqual({
      accepted: 0,
      duplicates: 1,
    });
    const staff = await sb.call('GET', '/v1/staff?limit=1', { key: t.apiKey });
    expect([staff.json.staff.length, staff.json.hasMore]).toEqual([1, true]);
    const page = await sb.call('GET', '/back-office');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('Create enrollment code');
    expect(page.text).not.toContain(sb.sandbox.adminToken);
    expect((await sb.call('GET', '/admin/state')).status).toBe(401);
  });
});

describe('state across restarts', () => {
  it('keeps stores, terminals, keys, transactions and the CA; --reset wipes the state', async () => {
    const dataDir = `${scratch.dir}/state`;
    const first = await start({ dataDir });
    const t = await first.enroll();
    const item = sale();
    await first.call('POST', '/v1/transactions', { key: t.apiKey, idempotencyKey: item.clientId, body: item });
    const ca = first.sandbox.caPem;
    await first.stop();

    const second = await start({ dataDir });
    expect(second.sandbox.caPem).toBe(ca);
    expect((await second.call('GET', `/v1/transactions/${item.clientId}`, { key: t.apiKey })).status).toBe(200);
    const replay = await second.call('POST', '/v1/transactions', { key: t.apiKey, idempotencyKey: item.clientId, body: item });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await second.stop();

    const reset = await start({ dataDir, reset: true });
    expect((await reset.call('GET', '/v1/catalog', { key: t.apiKey })).status).toBe(401);
    expect(reset.sandbox.services.tenants.stores()).toHaveLength(1);
  });
});
