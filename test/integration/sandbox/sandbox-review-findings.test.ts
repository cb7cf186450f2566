import 'reflect-metadata';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterEach, describe, expect, it } from 'vitest';
import { ODDLY_WRITTEN_CARDS } from '../../support/card-forms';
import { sale, startTestSandbox, uuidV7, type TestSandbox } from '../../support/sandbox-client';
import { tempDir } from '../../support/storage';

let sb: TestSandbox | null = null;
afterEach(async () => {
  await sb?.cleanup();
  sb = null;
});

const fakeKey = (i: number) => `sk_test_${String(i).padStart(4, '0')}${'Z'.repeat(36)}`;

describe('sandbox: review findings (issue 16, item 7)', () => {
  it('the enrollment rate limit is not bypassed by sending a random bearer token: it counts per client address', async () => {
    sb = await startTestSandbox({ enrollmentRateLimit: { max: 3, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await sb.call('POST', '/v1/enrollments', { key: fakeKey(i), body: { code: 'ABCD-EFGH-JKMN' } })).status);
    }
    expect(statuses.slice(3)).toEqual([429, 429, 429, 429, 429]);
    expect(statuses.slice(0, 3)).not.toContain(429);
  });

  it("the rate limit is per API key across every route, and made-up keys share the address's budget", async () => {
    sb = await startTestSandbox({ rateLimit: { max: 4, windowMs: 60_000 }, enrollmentRateLimit: { max: 100, windowMs: 60_000 } });
    const { apiKey } = await sb.enroll();
    const routes = ['/v1/catalog', '/v1/staff', '/v1/catalog', '/v1/staff', '/v1/catalog'];
    const statuses = [];
    for (const route of routes) statuses.push((await sb.call('GET', route, { key: apiKey })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push((await sb.call('GET', '/v1/catalog', { key: fakeKey(i) })).status);
    expect(guesses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('card numbers written with dots, slashes, tabs, double spaces, a glued letter or full-width digits are refused and never stored', async () => {
    sb = await startTestSandbox({ rateLimit: { max: 1_000, windowMs: 60_000 } });
    const { apiKey } = await sb.enroll();
    const refused = [];
    for (const form of ODDLY_WRITTEN_CARDS) {
      const reply = await sb.call('POST', '/v1/transactions', {
        key: apiKey,
        idempotencyKey: uuidV7(),
        body: sale({ body: { note: `paid ${form}` } }),
      });
      refused.push(reply.json?.error?.code);
    }
    expect(refused).toEqual(ODDLY_WRITTEN_CARDS.map(() => 'card_data_refused'));
    // Barcodes still pass.
    const ok = await sb.call('POST', '/v1/transactions', {
      key: apiKey,
      idempotencyKey: uuidV7(),
      body: sale({ body: { barcode: '4006381333931', gtin: '10012345678902' } }),
    });
    expect(ok.status).toBe(201);
    await sb.stop();
    const digits = (text: string) => text.normalize('NFKC').replace(/\D/g, '');
    for (const entry of readdirSync(sb.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const text = readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1');
      for (const form of ODDLY_WRITTEN_CARDS) expect(text, entry.name).not.toContain(form);
      for (const pan of new Set(ODDLY_WRITTEN_CARDS.map(digits))) expect(text, entry.name).not.toContain(pan);
    }
  });

  it('sandbox.db and requests.log are owner-only (0600) even in a folder that already existed as 0755', async () => {
    const scratch = tempDir('sandbox-perm');
    try {
      const dataDir = path.join(scratch.dir, 'data');
      mkdirSync(path.join(dataDir, 'logs'), { recursive: true, mode: 0o755 });
      sb = await startTestSandbox({ dataDir });
      await sb.enroll();
      await sb.stop();
      const mode = (file: string) => (statSync(path.join(dataDir, file)).mode & 0o777).toString(8);
      expect({ db: mode('sandbox.db'), log: mode('logs/requests.log') }).toEqual({ db: '600', log: '600' });
    } finally {
      await sb?.cleanup();
      sb = null;
      scratch.cleanup();
    }
  });

  it('its server certificate is valid at most 397 days', async () => {
    sb = await startTestSandbox();
    const cert = new x509.X509Certificate(readFileSync(path.join(sb.dataDir, 'tls', 'server.pem'), 'utf8'));
    expect((cert.notAfter.getTime() - cert.notBefore.getTime()) / 86_400_000).toBeLessThanOrEqual(398);
  });
});
