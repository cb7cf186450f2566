import type { Migration } from './types';

/**
 * Z reports get a gapless number per terminal (1, 2, 3 …), taken inside the transaction that closes
 * the shift, as fiscal rules and auditors expect. Shifts closed before this migration are numbered in
 * the order they closed.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'z-numbers',
  up(db) {
    db.exec(`
      ALTER TABLE shifts ADD COLUMN z_number INTEGER CHECK (z_number IS NULL OR z_number > 0);
      UPDATE shifts SET z_number = (
        SELECT count(*) FROM shifts AS earlier
        WHERE earlier.status = 'closed'
          AND (earlier.closed_at < shifts.closed_at OR (earlier.closed_at = shifts.closed_at AND earlier.id <= shifts.id))
      ) WHERE status = 'closed';
      CREATE UNIQUE INDEX shifts_z_number ON shifts (z_number) WHERE z_number IS NOT NULL;
    `);
  },
};
