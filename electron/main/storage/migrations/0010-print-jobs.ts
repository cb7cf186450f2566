import type { Migration } from './types';

/**
 * Receipts and reports sent to an ESC/POS printer. A row is written just before the first byte goes
 * out; one still `sending` at start-up was cut off by a crash or power loss and is never sent again.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'print-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('original', 'reprint', 'report')),
        state TEXT NOT NULL CHECK (state IN ('sending', 'printed', 'failed', 'interrupted')),
        detail TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX print_jobs_sending ON print_jobs (state) WHERE state = 'sending';
    `);
  },
};
