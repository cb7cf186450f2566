import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureSandboxTls } from '../../../sandbox/ca';
import { ApiClient } from '../../../electron/main/api-client/api-client';
import { ApiClientError } from '../../../electron/main/api-client/api-errors';
import { createHttpsTransport } from '../../../electron/main/api-client/https-transport';
import { EVENTS_CURSOR } from '../../../electron/main/sync/events-feed';
import { memoryKeychain } from '../../support/memory-keychain';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { queueItem, tempDir } from '../../support/storage';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';
import { createServer } from 'node:https';

let sb: TestSandbox;
let t: SyncTerminal;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterAll(() => sb.cleanup());
afterEach(async () => {
  await t?.close();
  await sb.admin('PUT', '/admin/faults', {});
});

const failureOf = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(ApiClientError.is(error)).toBe(true);
  return (error as ApiClientError).failure;
};

describe('API client TLS', () => {
  const transport = (ca?: string) =>
    createHttpsTransport({ ...(ca ? { ca } : {}), connectTimeoutMs: 2_000, responseTimeoutMs: 3_000, maxResponseBytes: 1 << 20 });

  it('talks TLS 1.3 to the sandbox trusting exactly its CA', async () => {
    const api = new ApiClient({
      baseUrl: sb.sandbox.url,
      transport: transport(sb.sandbox.caPem),
      keychain: memoryKeychain(),
      now: () => new Date(),
    });
    expect((await api.time()).unixMs).toBeGreaterThan(0);
  });

  it('refuses an http:// base URL, set or changed later', async () => {
    expect(
      () =>
        new ApiClient({
          baseUrl: sb.sandbox.url.replace('https', 'http'),
          transport: transport(),
          keychain: memoryKeychain(),
          now: () => new Date(),
        }),
    ).toThrow(ApiClientError);
    let url = sb.sandbox.url;
    const api = new ApiClient({
      baseUrl: () => url,
      transport: transport(sb.sandbox.caPem),
      keychain: memoryKeychain(),
      now: () => new Date(),
    });
    url = url.replace('https', 'http');
    expect(await failureOf(api.time())).toEqual({ kind: 'insecure_url' });
  });

  it('refuses a certificate from another CA, and the system CAs do not trust the sandbox', async () => {
    const other = tempDir('other-ca');
    try {
      const otherCa = (await ensureSandboxTls(other.dir)).caPem;
      const api = new ApiClient({
        baseUrl: sb.sandbox.url,
        transport: transport(otherCa),
        keychain: memoryKeychain(),
        now: () => new Date(),
      });
      expect((await failureOf(api.time())).kind).toBe('tls');
      const system = new ApiClient({ baseUrl: sb.sandbox.url, transport: transport(), keychain: memoryKeychain(), now: () => new Date() });
      expect((await failureOf(system.time())).kind).toBe('tls');
    } finally {
      other.cleanup();
    }
  });

  it('refuses a server that speaks TLS 1.2 at most', async () => {
    const dir = tempDir('tls12');
    const tls = await ensureSandboxTls(dir.dir);
    const server = createServer({ key: tls.keyPem, cert: tls.certPem, maxVersion: 'TLSv1.2' }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const api = new ApiClient({
        baseUrl: `https://127.0.0.1:${port}`,
        transport: transport(tls.caPem),
        keychain: memoryKeychain(),
        now: () => new Date(),
      });
      expect((await failureOf(api.time())).kind).toBe('tls');
    } finally {
      server.close();
      dir.cleanup();
    }
  });
});

describe('delivery', () => {
  it('moves a poison item to needs-attention and delivers the items behind it', async () => {
    t = await syncTerminal(sb);
    const terminalId = await t.enroll();
    await t.drained();
    await t.sync.engine.syncNow();
    await t.sell(3);
    // An envelope the API refuses (a sale without its terminal sequence), queued between good sales.
    queueItem(t.storage, {
      clientId: '01936d5e-0000-7000-8000-0000000000ff',
      kind: 'sale',
      payload: {
        clientId: '01936d5e-0000-7000-8000-0000000000ff',
        type: 'sale',
        terminalSequence: null,
        occurredAt: new Date().toISOString(),
        currency: 'EUR',
        totalMinor: 1,
        body: {},
      },
    });
    await t.sell(3);
    await t.drained();
    // Six sales and the open of their shift.
    expect(sb.sandbox.services.ledger.countTransactions(terminalId)).toBe(7);
    const [entry] = t.storage.needsAttention.list();
    expect(entry).toMatchObject({ clientId: '01936d5e-0000-7000-8000-0000000000ff', kind: 'rejected', itemKind: 'sale' });
    expect(entry!.reason).toMatch(/invalid_request/);
  });

  it('uploads the audit trail in order, every entry once, with the head hash that anchors the chain', async () => {
    t = await syncTerminal(sb);
    const terminalId = await t.enroll();
    await t.sell(4);
    await t.drained();
    await t.sync.engine.syncNow();
    const head = t.storage.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string };
    expect(head.seq).toBeGreaterThan(4);
    expect(sb.sandbox.services.uploads.auditHead(terminalId)).toEqual({ entries: head.seq, lastSeq: head.seq, headHash: head.hash });
    // Uploading again sends nothing twice.
    await t.sync.engine.syncNow();
    expect(sb.sandbox.services.uploads.auditHead(terminalId)).toMatchObject({ entries: head.seq });
  });

  it('pauses with "credentials rejected" on a key the API refuses, instead of retrying forever', async () => {
    t = await syncTerminal(sb);
    await t.enroll();
    await t.drained();
    await t.keychain.set('api-key', `sk_test_${'A'.repeat(32)}`);
    await t.sell(1);
    const status = await t.sync.engine.syncNow();
    // The sale and the open of its shift.
    expect(status).toMatchObject({ connectivity: 'credentials_rejected', pending: 2 });
    await t.sell(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.sync.engine.status()).toMatchObject({ connectivity: 'credentials_rejected', pending: 3, syncing: false });
  });

  it('learns of its revocation even with its key refused: credentials wiped, queue kept, sales stopped', async () => {
    t = await syncTerminal(sb);
    const terminalId = await t.enroll();
    await t.drained();
    await sb.admin('POST', `/admin/terminals/${terminalId}/revoke`);
    await t.sell(1);
    const status = await t.sync.engine.syncNow();
    expect(status).toMatchObject({ connectivity: 'revoked', pending: 2, salesStopped: true }); // the sale and its shift's open
    expect(await t.keychain.get('api-key')).toBeNull();
  });
});

describe('signed events feed', () => {
  it('applies a valid page, ignores a replayed id, refuses a bad signature as a security event', async () => {
    t = await syncTerminal(sb);
    const terminalId = await t.enroll();
    await t.drained();
    await t.sync.engine.syncNow();
    const payment = {
      clientId: '01936d5e-0000-7000-8000-00000000a001',
      transactionClientId: '01936d5e-0000-7000-8000-00000000a002',
      amountMinor: 500,
      currency: 'EUR',
      paymentToken: 'tok_test_decline_after_forward',
      capturedAt: new Date().toISOString(),
      offline: true,
      card: { brand: 'visa', last4: '4242', entryMode: 'chip' },
    };
    queueItem(t.storage, { clientId: payment.clientId, kind: 'payment', payload: payment });
    await t.drained();
    await t.sync.engine.syncNow();
    expect(t.storage.needsAttention.list()).toEqual([
      expect.objectContaining({ clientId: payment.clientId, kind: 'declined_after_forward' }),
    ]);

    // Replayed: read the feed again from the start; nothing is added twice.
    t.storage.db.prepare('DELETE FROM sync_state WHERE key = ?').run(EVENTS_CURSOR);
    await t.sync.engine.syncNow();
    expect(t.storage.needsAttention.list({ includeResolved: true })).toHaveLength(1);

    // A bad signature: nothing applied, the cursor stays, a security alert is queued.
    const cursor = t.storage.db.prepare('SELECT value_json FROM sync_state WHERE key = ?').get(EVENTS_CURSOR);
    await sb.admin('PUT', '/admin/faults', { rate: 1, modes: ['bad_signature'] });
    sb.sandbox.services.revokeTerminal(terminalId);
    await t.sync.engine.syncNow();
    expect(t.sync.enrollment.revoked()).toBe(false);
    expect(t.storage.db.prepare('SELECT value_json FROM sync_state WHERE key = ?').get(EVENTS_CURSOR)).toEqual(cursor);
    expect(
      t.storage.db
        .prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'security_alert' AND payload_json LIKE '%events_signature_refused%'")
        .get(),
    ).toEqual({ n: 1 });

    // Signed properly again: the revocation applies, credentials go, sales stop, the queue stays.
    await sb.admin('PUT', '/admin/faults', {});
    await t.sync.engine.syncNow();
    expect(t.sync.enrollment.revoked()).toBe(true);
    expect(await t.keychain.get('api-key')).toBeNull();
    expect(await t.keychain.get('event-signing-secret')).toBeNull();
    const refused = await t.core.registry.dispatch('sales.addProduct', { productId: 'MILK-1L' }, {
      id: 1,
      url: 'app://nopos/index.html',
    } as never);
    expect(refused.ok).toBe(false);
    expect(t.sync.engine.status()).toMatchObject({ connectivity: 'revoked', salesStopped: true });
  });
});
