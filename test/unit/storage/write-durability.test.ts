import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaleView } from '../../../shared/domain/sale';
import { uuidv7 } from '../../../shared/domain/ids';
import type { AddItemResult } from '../../../shared/ipc/areas/sales';
import { draftWriteTransaction, replayableWriteTransaction, writeTransaction } from '../../../electron/main/storage/transaction';
import { ok } from '../../support/register-steps';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Which commits wait for the disk (`synchronous = FULL`, 2) and which only for the OS (`NORMAL`, 1):
// a sale's tender always waits; a scan into an unpaid cart does not (issue 15, item 20).

const MILK = '4006381333931';
const FULL = 2;
const NORMAL = 1;

let t: TerminalFixture;
beforeEach(async () => {
  t = await terminalFixture();
});
afterEach(() => t.close());

const level = () => t.storage.db.pragma('synchronous', { simple: true });

describe('commit durability', () => {
  it('holds writeTransaction at FULL, and lowers the level only for the draft and replayable kinds', () => {
    expect(writeTransaction(t.storage.db, level)).toBe(FULL);
    expect(draftWriteTransaction(t.storage.db, level)).toBe(NORMAL);
    expect(replayableWriteTransaction(t.storage.db, level)).toBe(NORMAL);
    expect(level()).toBe(FULL);
  });

  it('restores FULL when the work fails, and keeps the caller’s level inside its transaction', () => {
    expect(() =>
      draftWriteTransaction(t.storage.db, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(level()).toBe(FULL);
    expect(writeTransaction(t.storage.db, () => draftWriteTransaction(t.storage.db, level))).toBe(FULL);
  });

  it('commits a scan without waiting for the disk, and the tender that pays for it with the wait', async () => {
    const cashier = await t.addStaff('Cass', 'cashier', '482913');
    expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
    await ok(t, 'shifts.open', { floatMinor: 5_000 });

    const seen: number[] = [];
    const transaction = t.storage.db.transaction.bind(t.storage.db);
    // Every transaction the scan and the tender run notes the level it will commit under.
    const spy = vi.spyOn(t.storage.db, 'transaction').mockImplementation(((work: (...args: unknown[]) => unknown) =>
      transaction((...args: unknown[]) => {
        seen.push(level() as number);
        return work(...args);
      })) as typeof t.storage.db.transaction);
    const added = await ok<AddItemResult & { outcome: 'added' }>(t, 'sales.addByBarcode', { code: MILK });
    const scanLevels = [...new Set(seen)];
    seen.length = 0;
    const paid = await ok<{ sale: SaleView }>(t, 'sales.tenderCash', {
      saleId: added.sale.saleId,
      paymentId: uuidv7(),
      givenMinor: added.sale.cashDueMinor,
    });
    spy.mockRestore();

    expect(paid.sale.status).toBe('completed');
    expect(scanLevels).toEqual([NORMAL]);
    expect([...new Set(seen)]).toEqual([FULL]);
    expect(level()).toBe(FULL);
  });
});
