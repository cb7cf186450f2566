import { createServer, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreWithSync } from '../../support/core-sync';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { FAST_SYNC, syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

let sb: TestSandbox;
let t: SyncTerminal;
let rogue: Server;
let rogueUrl: string;
const seen: { url: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 100_000 } });
  t = await syncTerminal(sb);
  // Another server whose certificate the trusted CA signed (here: the sandbox's own certificate, another port).
  const tls = path.join(sb.dataDir, 'tls');
  rogue = createServer(
    { key: readFileSync(path.join(tls, 'server-key.pem')), cert: readFileSync(path.join(tls, 'server.pem')), minVersion: 'TLSv1.3' },
    (req, res) => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
  );
  await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', resolve));
  rogueUrl = `https://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => rogue.close(resolve));
  await sb.cleanup();
});

describe('the API key goes only to the origin it was enrolled at', () => {
  it('a terminal restarted with another API address never sends the key, audit or sales there, and says to enroll again', async () => {
    await t.enroll();
    await t.sell(1);
    await t.drained(20_000);
    const enrolledAt = t.sync.enrollment.current()?.apiOrigin;
    expect(enrolledAt).toBe(new URL(sb.sandbox.url).origin);
    t.sync.close();
    await t.sync.engine.idle();

    // "Restarted" with NOPOS_API_BASE_URL (or the policy's apiBaseUrl) pointing elsewhere.
    const moved = coreWithSync(t.storage, {
      keychain: t.keychain,
      baseUrl: rogueUrl,
      caPem: sb.sandbox.caPem,
      exportDir: path.join(t.dir, 'exports'),
      timings: FAST_SYNC,
    }).sync;
    try {
      await t.sell(1);
      t.storage.audit.record({ action: 'data.exported', actorId: t.staffId, details: { items: 0 } });
      await moved.engine.syncNow();
      await expect(moved.api.catalog(undefined)).rejects.toMatchObject({ failure: { kind: 'origin_changed' } });
      await expect(moved.api.createPayment('{}', 'x')).rejects.toMatchObject({ failure: { kind: 'origin_changed' } });
      expect(seen.filter((r) => r.authorization !== undefined)).toEqual([]);
      expect(seen.filter((r) => /transactions|audit|payments|security/.test(r.url))).toEqual([]);
      expect(moved.engine.status().connectivity).toBe('credentials_rejected');
      expect(moved.queue.pendingStats().count).toBeGreaterThan(0);
      // Enrolling anew at the new address is what binds a key to it.
      expect(moved.api.currentOrigin()).toBe(rogueUrl);
    } finally {
      moved.close();
      await moved.engine.idle();
    }
  });

  it('an enrollment stored before the binding is bound to the origin configured at the first start, and kept there', async () => {
    const row = t.storage.db.prepare("SELECT value_json FROM sync_state WHERE key = 'enrollment'").get() as { value_json: string };
    const { apiOrigin: _bound, ...legacy } = JSON.parse(row.value_json) as Record<string, unknown>;
    t.storage.db.prepare("UPDATE sync_state SET value_json = ? WHERE key = 'enrollment'").run(JSON.stringify(legacy));
    const boot = (baseUrl: string) =>
      coreWithSync(t.storage, {
        keychain: t.keychain,
        baseUrl,
        caPem: sb.sandbox.caPem,
        exportDir: path.join(t.dir, 'exports'),
        timings: FAST_SYNC,
      }).sync;
    const first = boot(sb.sandbox.url);
    expect(first.enrollment.boundOrigin()).toBe(new URL(sb.sandbox.url).origin);
    first.close();
    const second = boot(rogueUrl);
    expect(second.enrollment.boundOrigin()).toBe(new URL(sb.sandbox.url).origin);
    second.close();
  });
});
