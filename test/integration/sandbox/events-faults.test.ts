import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsPageSchema } from '../../../shared/api/events';
import { FaultInjector } from '../../../sandbox/faults';
import { startTestSandbox, sale, type TestSandbox } from '../../support/sandbox-client';

/**
 * An independent verifier written from sandbox/README.md's description only:
 * header `t=<unix s>,v1=<hex>`, HMAC-SHA256 over `${t}.${body}` with the whole secret, 300 s tolerance.
 */
function verify(header: string | undefined, body: string, secret: string, nowS = Math.floor(Date.now() / 1000)): boolean {
  const fields = new Map((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const t = Number(fields.get('t'));
  const given = Buffer.from(fields.get('v1') ?? '', 'hex');
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return Number.isInteger(t) && Math.abs(nowS - t) <= 300 && given.length === expected.length && timingSafeEqual(given, expected);
}

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.cleanup());

describe('signed events feed', () => {
  it('signs each page so an independent verifier accepts it, and refuses wrong secret, tampering and stale time', async () => {
    const terminal = await sb.enroll();
    const state = await sb.admin('GET', '/admin/state');
    const product = state.json.stores[0].products[0];
    expect((await sb.admin('POST', `/admin/products/${product.id}/price`, { priceMinor: 275 })).status).toBe(200);
    const feed = await sb.call('GET', '/v1/events', { key: terminal.apiKey });
    const page = eventsPageSchema.parse(feed.json);
    expect(page.events.map((e) => e.type)).toEqual(['catalog.updated']);
    const signature = feed.headers['nopos-signature'] as string;
    expect(verify(signature, feed.text, terminal.eventSigningSecret)).toBe(true);
    expect(verify(signature, feed.text, `whsec_${'x'.repeat(43)}`)).toBe(false);
    expect(verify(signature, feed.text.replace('catalog.updated', 'staff.updated'), terminal.eventSigningSecret)).toBe(false);
    expect(verify(signature, feed.text, terminal.eventSigningSecret, Math.floor(Date.now() / 1000) + 301)).toBe(false);
    // The cursor moves on: nothing new until the next change.
    const next = await sb.call('GET', `/v1/events?cursor=${page.cursor}`, { key: terminal.apiKey });
    expect(next.json.events).toEqual([]);
    // The catalog pull from the event's cursor returns the changed price.
    const event = page.events[0]!;
    const pulled = await sb.call('GET', `/v1/catalog?cursor=${event.type === 'catalog.updated' ? event.data.cursor : ''}`, {
      key: terminal.apiKey,
    });
    expect(pulled.json.products).toEqual([expect.objectContaining({ id: product.id, priceMinor: 275 })]);
  });

  it('fault modes bad_signature and stale_timestamp produce signatures the verifier refuses', async () => {
    const terminal = await sb.enroll();
    for (const mode of ['bad_signature', 'stale_timestamp'] as const) {
      sb.sandbox.services.faults.configure({ rate: 1, modes: [mode] });
      const feed = await sb.call('GET', '/v1/events', { key: terminal.apiKey });
      expect(feed.status).toBe(200);
      expect(verify(feed.headers['nopos-signature'] as string, feed.text, terminal.eventSigningSecret)).toBe(false);
      const t = Number(/t=(\d+)/.exec(feed.headers['nopos-signature'] as string)![1]);
      expect(verify(feed.headers['nopos-signature'] as string, feed.text, terminal.eventSigningSecret, t)).toBe(mode === 'stale_timestamp');
    }
    sb.sandbox.services.faults.configure({});
  });
});

describe('fault injection', () => {
  const withFaults = async (config: object, run: () => Promise<void>) => {
    const reply = await sb.admin('PUT', '/admin/faults', config);
    expect(reply.status).toBe(200);
    try {
      await run();
    } finally {
      sb.sandbox.services.faults.configure({});
    }
  };

  it('drop: the connection closes and nothing is stored', async () => {
    const terminal = await sb.enroll();
    await withFaults({ rate: 1, modes: ['drop'] }, async () => {
      const item = sale();
      await expect(
        sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item }),
      ).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(sb.sandbox.services.ledger.countTransactions(terminal.terminalId)).toBe(0);
    });
  });

  it('reset: the sale is committed but the response is cut; the retry replays it, stored once', async () => {
    const terminal = await sb.enroll();
    const item = sale();
    const send = () => sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item });
    await withFaults({ rate: 1, modes: ['reset'] }, async () => {
      await expect(send()).rejects.toThrow(/aborted|ECONNRESET|socket hang up/);
    });
    expect(sb.sandbox.services.ledger.countTransactions(terminal.terminalId)).toBe(1);
    const retry = await send();
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([201, 'true']);
  });

  it('http500 in bursts, http503 and http429 with Retry-After, before anything is stored', async () => {
    const terminal = await sb.enroll();
    await withFaults({ rate: 1, modes: ['http500'], burst: 3 }, async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await sb.call('GET', '/v1/catalog', { key: terminal.apiKey })).status);
      expect(statuses).toEqual([500, 500, 500]);
    });
    for (const [mode, status] of [
      ['http503', 503],
      ['http429', 429],
    ] as const) {
      await withFaults({ rate: 1, modes: [mode] }, async () => {
        const item = sale();
        const reply = await sb.call('POST', '/v1/transactions', { key: terminal.apiKey, idempotencyKey: item.clientId, body: item });
        expect(reply.status).toBe(status);
        expect(reply.headers['retry-after']).toBe('1');
      });
    }
    expect(sb.sandbox.services.ledger.countTransactions(terminal.terminalId)).toBe(0);
  });

  it('latency: requests wait at least the configured time', async () => {
    const terminal = await sb.enroll();
    await withFaults({ latencyMs: [200, 200] }, async () => {
      const started = Date.now();
      expect((await sb.call('GET', '/v1/catalog', { key: terminal.apiKey })).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    });
  });

  it('offline and back: every /v1 request is dropped while the back office still answers', async () => {
    const terminal = await sb.enroll();
    await withFaults({ offline: true }, async () => {
      await expect(sb.call('GET', '/v1/time')).rejects.toThrow(/socket hang up|ECONNRESET/);
      await expect(sb.call('GET', '/v1/catalog', { key: terminal.apiKey })).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect((await sb.admin('GET', '/admin/faults')).json.counts.offline).toBeGreaterThanOrEqual(2);
    });
    expect((await sb.call('GET', '/v1/catalog', { key: terminal.apiKey })).status).toBe(200);
  });

  it('is seeded: the same seed gives the same faults in the same order', () => {
    const run = (seed: number) => {
      const injector = new FaultInjector({ seed, rate: 0.3, modes: ['drop', 'reset', 'http500', 'http503', 'http429'] });
      return Array.from({ length: 200 }, () => injector.decide(false).fault);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    const faults = run(42).filter(Boolean).length;
    expect(faults).toBeGreaterThan(30);
    expect(faults).toBeLessThan(90);
  });

  it('refuses an invalid fault configuration and keeps the old one', async () => {
    const reply = await sb.admin('PUT', '/admin/faults', { rate: 2 });
    expect(reply.status).toBe(400);
    expect((await sb.admin('GET', '/admin/faults')).json.config.rate).toBe(0);
    expect((await sb.call('PUT', '/admin/faults', { body: { offline: true } })).status).toBe(401);
  });
});
