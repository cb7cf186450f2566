import type { Migration } from './types';

/**
 * The waiting part of the outbox in queue order. With only (status, seq), "the oldest waiting items"
 * read and sorted every waiting row, payload included, for each batch sync took: with a day's backlog
 * waiting, each one held the main thread for tens of milliseconds while the register waited behind it.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'outbox-waiting',
  up(db) {
    db.exec(`CREATE INDEX outbox_waiting ON outbox (seq) WHERE status IN ('queued', 'sending');`);
  },
};
