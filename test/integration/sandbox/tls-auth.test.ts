import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSandboxTls } from '../../../sandbox/ca';
import { apiErrorSchema } from '../../../shared/api/errors';
import { call, startTestSandbox, uuidV7, type TestSandbox } from '../../support/sandbox-client';
import { tempDir } from '../../support/storage';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.cleanup());

describe('sandbox TLS', () => {
  it('accepts TLS 1.3 from a client that trusts exactly its CA', async () => {
    const reply = await sb.call('GET', '/v1/time');
    expect(reply.status).toBe(200);
    expect(Math.abs(reply.json.unixMs - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a TLS 1.2 client', async () => {
    await expect(sb.call('GET', '/v1/time', { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).rejects.toThrow(/version|protocol|alert/i);
  });

  it('is not trusted by a client holding another CA (no accept-any-certificate anywhere)', async () => {
    const other = tempDir('other-ca');
    try {
      const otherCa = (await ensureSandboxTls(other.dir)).caPem;
      await expect(call(sb.sandbox.url, otherCa, 'GET', '/v1/time')).rejects.toThrow(/certificate|self.signed|issuer/i);
    } finally {
      other.cleanup();
    }
  });
});

describe('API keys and scopes', () => {
  const expectError = (reply: { status: number; json: unknown }, status: number, code: string) => {
    expect(reply.status).toBe(status);
    expect(apiErrorSchema.parse(reply.json).error.code).toBe(code);
  };

  it('401 without a key, with a malformed key and with an unknown key', async () => {
    expectError(await sb.call('GET', '/v1/catalog'), 401, 'unauthenticated');
    expectError(await sb.call('GET', '/v1/catalog', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }), 401, 'unauthenticated');
    expectError(await sb.call('GET', '/v1/catalog', { key: 'sk_test_not-a-key' }), 401, 'unauthenticated');
    expectError(await sb.call('GET', '/v1/catalog', { key: `sk_test_${'A'.repeat(32)}` }), 401, 'unauthenticated');
  });

  it('401 for a revoked key, which may still read its own revocation on the events feed', async () => {
    const terminal = await sb.enroll();
    expect((await sb.call('GET', '/v1/catalog', { key: terminal.apiKey })).status).toBe(200);
    expect((await sb.admin('POST', `/admin/terminals/${terminal.terminalId}/revoke`)).status).toBe(200);
    expectError(await sb.call('GET', '/v1/catalog', { key: terminal.apiKey }), 401, 'unauthenticated');
    const feed = await sb.call('GET', '/v1/events', { key: terminal.apiKey });
    expect(feed.json.events).toEqual([expect.objectContaining({ type: 'terminal.revoked', data: { terminalId: terminal.terminalId } })]);
  });

  it('403 for a key without the scope, per route and per transaction type', async () => {
    const cashierOnly = await sb.enroll(['read:catalog', 'create:transactions']);
    expect((await sb.call('GET', '/v1/catalog', { key: cashierOnly.apiKey })).status).toBe(200);
    expectError(await sb.call('GET', '/v1/staff', { key: cashierOnly.apiKey }), 403, 'forbidden');
    const refund = {
      clientId: '01936d5e-0000-7000-8000-000000000001',
      type: 'refund',
      terminalSequence: 1,
      occurredAt: new Date().toISOString(),
      currency: 'EUR',
      totalMinor: -250,
      body: {},
    };
    expectError(
      await sb.call('POST', '/v1/transactions', { key: cashierOnly.apiKey, idempotencyKey: refund.clientId, body: refund }),
      403,
      'forbidden',
    );
  });

  it('many terminals of many stores enroll in one sandbox, each seeing only its own store', async () => {
    const store = await sb.admin('POST', '/admin/stores', { name: 'Second Store', currency: 'GBP' });
    const code = await sb.admin('POST', '/admin/enrollment-codes', { storeId: store.json.id });
    const other = await sb.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code: code.json.code.toLowerCase() } });
    expect(other.json.store).toEqual({ id: store.json.id, name: 'Second Store', currency: 'GBP' });
    const catalog = await sb.call('GET', '/v1/catalog', { key: other.json.apiKey });
    expect(catalog.json.products.every((p: { currency: string }) => p.currency === 'GBP')).toBe(true);
  });
});
