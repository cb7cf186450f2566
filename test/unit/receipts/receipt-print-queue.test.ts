import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceiptPrinting } from '../../../shared/domain/devices';
import type { PrintOutcome, ReceiptPaper } from '../../../shared/domain/receipt';
import { AppError } from '../../../shared/ipc/errors';
import { ReceiptPrintQueue, RESUME_WINDOW_MS } from '../../../electron/main/receipts/receipt-print-queue';
import type { Db } from '../../../electron/main/storage/db';
import { migrate } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import { writeTransaction } from '../../../electron/main/storage/transaction';
import { scratchDatabase } from '../../support/scratch-db';

// The queue of receipts printed by themselves, over a real database; the printer is a fake.

let db: Db;
let cleanup: () => void;
let now: Date;
let printing: ReceiptPrinting;
let printed: Set<string>;
let sent: string[];
let answer: (receiptNumber: string) => Promise<PrintOutcome>;
let published: ReceiptPaper[];
let deferred: (() => void)[];
let queue: ReceiptPrintQueue;

const build = () =>
  new ReceiptPrintQueue({
    db,
    now: () => now,
    printing: () => printing,
    print: async (receiptNumber) => {
      sent.push(receiptNumber);
      const outcome = await answer(receiptNumber);
      printed.add(receiptNumber);
      return outcome;
    },
    printed: (receiptNumber) => printed.has(receiptNumber),
    publish: (paper) => published.push(paper),
    log: () => undefined,
    defer: (run) => deferred.push(run),
  });

/** Runs what the queue deferred, and the printing it started, to the end. */
async function settle(): Promise<void> {
  while (deferred.length) deferred.shift()!();
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const complete = (receiptNumber: string) => writeTransaction(db, (tx) => queue.add(tx, receiptNumber, 'staff-1'));

beforeEach(async () => {
  const scratch = await scratchDatabase();
  db = scratch.db;
  cleanup = scratch.cleanup;
  migrate(db, MIGRATIONS, scratch.file);
  now = new Date('2026-12-04T10:00:00Z');
  printing = 'auto';
  printed = new Set();
  sent = [];
  answer = async () => ({ outcome: 'printed', fileName: null });
  published = [];
  deferred = [];
  queue = build();
});
afterEach(() => cleanup());

describe('receipts printed by themselves', () => {
  it('prints a completed sale’s receipt once, after the caller’s turn, however often it is woken', async () => {
    complete('R-1');
    queue.wake();
    queue.wake();
    expect(sent).toEqual([]);
    await settle();
    queue.wake();
    await settle();
    expect(sent).toEqual(['R-1']);
    expect(queue.paper('R-1')).toEqual({ receiptNumber: 'R-1', state: 'printed', message: null });
    expect(published.map((p) => p.state)).toEqual(['printing', 'printed']);
  });

  it('prints receipts in the order their sales completed, one at a time', async () => {
    let release: () => void = () => undefined;
    answer = (receiptNumber) =>
      receiptNumber === 'R-1'
        ? new Promise((resolve) => (release = () => resolve({ outcome: 'printed', fileName: null })))
        : Promise.resolve({ outcome: 'printed', fileName: null });
    complete('R-1');
    queue.wake();
    await settle();
    complete('R-2');
    queue.wake();
    await settle();
    expect(sent).toEqual(['R-1']);
    release();
    await settle();
    expect(sent).toEqual(['R-1', 'R-2']);
  });

  it('queues nothing when the terminal asks the cashier or makes no paper, and says which', async () => {
    for (const mode of ['ask', 'never'] as const) {
      printing = mode;
      complete(`R-${mode}`);
      queue.wake();
      await settle();
      expect(queue.paper(`R-${mode}`)).toEqual({ receiptNumber: `R-${mode}`, state: mode, message: null });
    }
    expect(sent).toEqual([]);
  });

  it('queues nothing when the sale’s transaction rolls back', async () => {
    expect(() =>
      writeTransaction(db, (tx) => {
        queue.add(tx, 'R-1', 'staff-1');
        throw new Error('the sale failed');
      }),
    ).toThrow('the sale failed');
    queue.wake();
    await settle();
    expect(sent).toEqual([]);
    expect(queue.paper('R-1').state).toBe('ask');
  });

  it('a receipt that did not print says why in the printer’s words and is not tried again by itself', async () => {
    answer = () => Promise.reject(new AppError('unavailable', 'The receipt did not print. The printer is out of paper: load a new roll.'));
    complete('R-1');
    queue.wake();
    await settle();
    queue.wake();
    await settle();
    expect(sent).toEqual(['R-1']);
    expect(queue.paper('R-1')).toEqual({
      receiptNumber: 'R-1',
      state: 'failed',
      message: 'The receipt did not print. The printer is out of paper: load a new roll.',
    });
  });

  it('skips a receipt the cashier already printed', async () => {
    complete('R-1');
    printed.add('R-1');
    queue.wake();
    await settle();
    expect(sent).toEqual([]);
    expect(queue.paper('R-1').state).toBe('printed');
  });

  it('after a restart: prints a recent receipt due, counts one cut off mid-way as printed, and leaves an old one to a person', async () => {
    complete('R-cut');
    complete('R-old');
    now = new Date(now.getTime() + RESUME_WINDOW_MS + 1_000);
    complete('R-recent');
    printed.add('R-cut');
    queue = build();
    queue.resume();
    await settle();
    expect(sent).toEqual(['R-recent']);
    expect(queue.paper('R-cut').state).toBe('printed');
    expect(queue.paper('R-old')).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/not printed before the terminal stopped/),
    });
    expect(queue.paper('R-recent').state).toBe('printed');
  });
});
