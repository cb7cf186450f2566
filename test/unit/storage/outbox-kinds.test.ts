import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSACTION_TYPES } from '../../../shared/api/transactions';
import { OUTBOX_KINDS, outboxRouteOf } from '../../../shared/domain/outbox-kinds';
import { StartupError } from '../../../electron/main/errors/startup-error';
import { openEncryptedDatabase } from '../../../electron/main/storage/encrypted-database';
import { migrate, schemaVersion } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import { Outbox, UndeclaredOutboxKindError, UnknownOutboxKindError } from '../../../electron/main/storage/outbox';
import { writeTransaction } from '../../../electron/main/storage/transaction';
import { memoryKeychain } from '../../support/memory-keychain';
import { openTestStorage, tempDir } from '../../support/storage';

// The typed outbox: one table of kinds in shared/, writers limited to the kinds an area declares, and
// a database holding kinds this version cannot send refused at start-up, never dropped.

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir('outbox-kinds');
});
afterEach(() => scratch.cleanup());

const at = '2026-01-01T00:00:00.000Z';

describe('the outbox kinds table', () => {
  it('routes every register transaction type in one batch route, payments and alerts by their own', () => {
    for (const type of TRANSACTION_TYPES) expect(outboxRouteOf(type)).toBe('transactionBatch');
    expect(outboxRouteOf('payment')).toBe('paymentBatch');
    expect(outboxRouteOf('security_alert')).toBe('securityEvents');
    expect(outboxRouteOf('loyalty_points')).toBeNull();
    expect(outboxRouteOf('toString')).toBeNull();
    expect(outboxRouteOf('customer.upsert')).toBe('upsertCustomer');
    expect(outboxRouteOf('customer.erasure')).toBe('eraseCustomer');
    expect(outboxRouteOf('receipt.email')).toBe('sendReceiptEmail');
    expect(Object.keys(OUTBOX_KINDS).sort()).toEqual(
      [...TRANSACTION_TYPES, 'payment', 'security_alert', 'customer.upsert', 'customer.erasure', 'receipt.email'].sort(),
    );
  });
});

describe('queueing', () => {
  it("enqueues only a declared kind, inside the caller's transaction", async () => {
    const storage = await openTestStorage(memoryKeychain(), scratch.dir);
    try {
      const sales = storage.outbox.writer(['sale']);
      const sale = {
        clientId: 'c-1',
        type: 'sale' as const,
        terminalSequence: 1,
        occurredAt: at,
        currency: 'EUR',
        totalMinor: 100,
        body: {},
      };
      writeTransaction(storage.db, (tx) => sales.enqueue(tx, { clientId: 'c-1', kind: 'sale', payload: sale }));
      // A writer refuses a kind its area did not declare, and the transaction it was in commits nothing.
      expect(() =>
        writeTransaction(storage.db, (tx) => {
          sales.enqueue(tx, { clientId: 'c-2', kind: 'sale', payload: { ...sale, clientId: 'c-2' } });
          (sales as unknown as Outbox).enqueue(tx, {
            clientId: 'c-3',
            kind: 'refund',
            payload: { ...sale, clientId: 'c-3', type: 'refund' },
          });
        }),
      ).toThrow(UndeclaredOutboxKindError);
      expect(() =>
        writeTransaction(storage.db, (tx) => storage.outbox.enqueue(tx, { clientId: 'c-4', kind: 'mystery', payload: {} } as never)),
      ).toThrow(UndeclaredOutboxKindError);
      expect(storage.db.prepare('SELECT client_id FROM outbox').all()).toEqual([{ client_id: 'c-1' }]);
    } finally {
      storage.close();
    }
  });
});

describe('a database holding kinds this version does not know', () => {
  /** A database as an older schema left it, with one queued item of `kind`. */
  async function oldDatabase(kind: string, status: 'queued' | 'sending' | 'sent'): Promise<ReturnType<typeof memoryKeychain>> {
    const keychain = memoryKeychain();
    const file = `${scratch.dir}/terminal.db`;
    const db = await openEncryptedDatabase(file, keychain);
    migrate(db, MIGRATIONS.slice(0, MIGRATIONS.length - 1), file);
    db.prepare('INSERT INTO outbox (client_id, kind, payload_json, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      'old-1',
      kind,
      '{"points":5}',
      status,
      at,
      at,
    );
    db.close();
    return keychain;
  }

  it('stops the start-up with a clear error and changes nothing (no migration, the item still queued)', async () => {
    const keychain = await oldDatabase('loyalty_points', 'queued');
    const refusal = openTestStorage(keychain, scratch.dir);
    await expect(refusal).rejects.toThrow(UnknownOutboxKindError);
    await expect(openTestStorage(keychain, scratch.dir)).rejects.toSatisfy(
      (error: unknown) => StartupError.is(error) && /1 of "loyalty_points".*Nothing was changed/.test(error.message),
    );
    const db = await openEncryptedDatabase(`${scratch.dir}/terminal.db`, keychain);
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length - 1);
      expect(db.prepare('SELECT client_id, kind, status, payload_json FROM outbox').all()).toEqual([
        { client_id: 'old-1', kind: 'loyalty_points', status: 'queued', payload_json: '{"points":5}' },
      ]);
    } finally {
      db.close();
    }
  });

  it('starts when such an item was already delivered: only what still waits must be sendable', async () => {
    const keychain = await oldDatabase('loyalty_points', 'sent');
    const storage = await openTestStorage(keychain, scratch.dir);
    storage.close();
  });
});
