import type { Migration } from './types';

/**
 * Money taken for a card payment declined after forwarding (the customer paid in cash or with another
 * card): a takings of the shift it was taken in, counted in its X and Z reports and, for cash, in the
 * drawer's expected cash. Once per declined payment.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'declined-settlements',
  up(db) {
    db.exec(`
      CREATE TABLE declined_settlements (
        id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL UNIQUE,
        sale_id TEXT,
        shift_id TEXT NOT NULL REFERENCES shifts (id),
        method TEXT NOT NULL CHECK (method IN ('cash', 'card')),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        staff_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX declined_settlements_shift ON declined_settlements (shift_id);
    `);
  },
};
