import type { Migration } from './types';

/**
 * Receipts a completed sale queued for automatic printing, written in the sale's own transaction: a
 * sale completed is a receipt due, and a crash in between can neither lose it nor make it twice
 * (receipts/receipt-print-queue.ts).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'receipt-prints',
  up(db) {
    db.exec(`
      CREATE TABLE receipt_prints (
        receipt_number TEXT PRIMARY KEY,
        staff_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'printed', 'failed')),
        detail TEXT,
        queued_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX receipt_prints_due ON receipt_prints (queued_at) WHERE state = 'queued';
    `);
  },
};
