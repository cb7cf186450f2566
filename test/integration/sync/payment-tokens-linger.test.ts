import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../../../electron/main/secrets/token-fingerprint';
import { migrate } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import { writeTransaction } from '../../../electron/main/storage/transaction';
import { TEST_PAYMENT_TOKENS } from '../../../shared/api/payments';
import { uuidv7 } from '../../../shared/domain/ids';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

let sb: TestSandbox;
let t: SyncTerminal;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 100_000 } });
  t = await syncTerminal(sb);
});
afterAll(async () => {
  await t.close();
  await sb.cleanup();
});

const TOKEN = TEST_PAYMENT_TOKENS.approve;

describe('payment tokens linger in the unsynced export and in sent outbox rows', () => {
  it('the export holds fingerprints, never tokens, in an owner-only folder; a confirmed payment row loses its token', async () => {
    const [saleId] = await t.sell(1);
    const paymentId = uuidv7();
    const payment = {
      clientId: paymentId,
      transactionClientId: saleId!,
      amountMinor: 129,
      currency: 'EUR',
      paymentToken: TOKEN,
      capturedAt: new Date().toISOString(),
      offline: true,
      card: { brand: 'visa' as const, last4: '4242', entryMode: 'chip' as const },
    };
    writeTransaction(t.storage.db, (tx) => t.storage.outbox.enqueue(tx, { clientId: paymentId, kind: 'payment', payload: payment }));

    // An exports folder an older version made world-readable.
    mkdirSync(t.sync.exportDir, { recursive: true, mode: 0o755 });
    const exported = t.sync.enrollment.exportUnsynced(t.sync.exportDir, t.staffId);
    const text = readFileSync(exported.file, 'utf8');
    expect(text).not.toContain(TOKEN);
    const body = JSON.parse(text);
    expect(body.items.find((i: { clientId: string }) => i.clientId === paymentId).payload).toMatchObject({
      paymentTokenRef: tokenFingerprint(TOKEN),
      amountMinor: 129,
    });
    expect(body.note).toMatch(/fingerprint/);
    expect((statSync(t.sync.exportDir).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(exported.file).mode & 0o777).toString(8)).toBe('600');

    await t.enroll();
    await t.drained(30_000);
    const row = t.storage.db.prepare('SELECT status, payload_json FROM outbox WHERE client_id = ?').get(paymentId) as {
      status: string;
      payload_json: string;
    };
    expect(row.status).toBe('sent');
    expect(row.payload_json).not.toContain(TOKEN);
    expect(JSON.parse(row.payload_json)).toMatchObject({ clientId: paymentId, amountMinor: 129, currency: 'EUR' });
    expect(sb.sandbox.services.db.prepare('SELECT count(*) AS n FROM payments WHERE client_id = ?').get(paymentId)).toEqual({ n: 1 });
  });

  it('sent payment rows an older version kept with their tokens lose them at the upgrade (migration 0007)', () => {
    const db = t.storage.db;
    db.prepare("UPDATE outbox SET payload_json = json_set(payload_json, '$.paymentToken', ?) WHERE kind = 'payment'").run(TOKEN);
    // Migration 0007 on this database (the later ones made their tables when it was created).
    db.pragma('user_version = 6');
    expect(migrate(db, MIGRATIONS.slice(0, 7), 'terminal.db')).toEqual({ from: 6, to: 7 });
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    const rows = db.prepare("SELECT payload_json FROM outbox WHERE kind = 'payment'").all() as { payload_json: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload_json).not.toContain(TOKEN);
  });
});
