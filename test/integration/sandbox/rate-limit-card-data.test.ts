import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PAYMENT_TOKENS } from '../../../shared/api/payments';
import { startTestSandbox, sale, uuidV7, type TestSandbox } from '../../support/sandbox-client';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 4, windowMs: 60_000 } });
});
afterAll(() => sb.cleanup());

describe('rate limit per API key', () => {
  it('counts down in RateLimit-* headers and answers 429 with Retry-After, per key', async () => {
    const [a, b] = [await sb.enroll(), await sb.enroll()];
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await sb.call('GET', '/v1/catalog', { key: a.apiKey }));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 429]);
    expect(replies.map((r) => r.headers['ratelimit-remaining'])).toEqual(['3', '2', '1', '0', '0']);
    expect(replies[0]!.headers['ratelimit-limit']).toBe('4');
    expect(Number(replies[0]!.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect(replies[4]!.json.error.code).toBe('rate_limited');
    expect(Number(replies[4]!.headers['retry-after'])).toBeGreaterThan(0);
    // Another terminal has its own budget.
    expect((await sb.call('GET', '/v1/catalog', { key: b.apiKey })).status).toBe(200);
  });
});

describe('raw card data', () => {
  const PAN = '4242424242424242';
  const PAN_SPACED = '5555 5555 5555 4444';

  it('is refused with 400 in the body, the query and the headers, and never stored or logged', async () => {
    const terminal = await sb.enroll();
    const payment = {
      clientId: uuidV7(),
      transactionClientId: uuidV7(),
      amountMinor: 500,
      currency: 'EUR',
      paymentToken: TEST_PAYMENT_TOKENS.approve,
      capturedAt: new Date().toISOString(),
      offline: false,
      card: { brand: 'visa', last4: '4242', entryMode: 'chip' },
    };
    const attempts: Array<{ path: string; body: object; headers?: Record<string, string> }> = [
      { path: '/v1/payments', body: { ...payment, paymentToken: PAN } },
      { path: '/v1/payments', body: { ...payment, cvv: '123' } },
      { path: '/v1/transactions', body: sale({ body: { note: `card ${PAN_SPACED}` } }) },
      { path: '/v1/transactions', body: sale({ body: { raw: `%B${PAN}^DOE/JOHN^2812101` } }) },
      { path: `/v1/transactions?card=${PAN}`, body: sale() },
      { path: '/v1/transactions', body: sale(), headers: { 'x-card-number': PAN } },
      { path: '/v1/transactions', body: sale(), headers: { 'x-note': `pan ${PAN_SPACED}` } },
    ];
    const key = terminal.apiKey;
    for (const attempt of attempts.slice(0, 3)) {
      const reply = await sb.call('POST', attempt.path, { key, idempotencyKey: uuidV7(), body: attempt.body, headers: attempt.headers });
      expect([reply.status, reply.json.error.code]).toEqual([400, 'card_data_refused']);
      expect(reply.text).not.toContain(PAN);
    }
    const more = await sb.enroll();
    for (const attempt of attempts.slice(3)) {
      const reply = await sb.call('POST', attempt.path, {
        key: more.apiKey,
        idempotencyKey: uuidV7(),
        body: attempt.body,
        headers: attempt.headers,
      });
      expect([reply.status, reply.json.error.code]).toEqual([400, 'card_data_refused']);
    }
    const getWithPan = await sb.call('GET', `/v1/transactions/${PAN}`, { key: more.apiKey });
    expect(getWithPan.json.error.code).toBe('card_data_refused');
    // Barcodes and amounts are not card numbers.
    const ok = await sb.call('POST', '/v1/transactions', {
      key: more.apiKey,
      idempotencyKey: uuidV7(),
      body: sale({ body: { barcode: '4006381333931', gtin: '10012345678902' } }),
    });
    expect(ok.status).toBe(201);

    await sb.stop();
    const files = readdirSync(sb.dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['sandbox.db', 'requests.log']));
    for (const file of files) {
      const text = readFileSync(path.join(file.parentPath, file.name)).toString('latin1');
      for (const needle of [PAN, PAN_SPACED, PAN_SPACED.replace(/ /g, '')]) expect(text, file.name).not.toContain(needle);
    }
    const log = readFileSync(sb.sandbox.logFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log.filter((line) => line.status === 400).length).toBeGreaterThanOrEqual(attempts.length);
  });
});
