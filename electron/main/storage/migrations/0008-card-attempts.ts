import type { Migration } from './types';

/**
 * Online card authorizations, recorded before the request leaves (issue 19): a terminal killed while
 * the API approves a card finds the attempt at its next start and settles it with the API, so a
 * customer is never charged twice for one sale. And an index for delivering waiting items by kind.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'card-attempts',
  up(db) {
    db.exec(`
      -- card_json holds what a receipt may show and the token's fingerprint, never the token.
      -- state: open until settled; then attached (the sale holds it), forwarded (the outbox holds
      -- it), declined, reversed (voided at the API), not_charged (the API never charged it).
      CREATE TABLE card_attempts (
        payment_id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        card_json TEXT NOT NULL,
        started_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'attached', 'forwarded', 'declined', 'reversed', 'not_charged')),
        resolved_at TEXT,
        server_id TEXT
      ) STRICT;
      CREATE INDEX card_attempts_open ON card_attempts (sale_id) WHERE state = 'open';

      -- Offline card payments are delivered first, in batches, from wherever they are in the queue.
      CREATE INDEX outbox_waiting_by_kind ON outbox (kind, seq) WHERE status IN ('queued', 'sending');
    `);
  },
};
