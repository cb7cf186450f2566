import type { Migration } from './types';

/**
 * Delivery state lives beside the outbox, never in it: queued rows stay byte for byte as they were
 * (migrate() fingerprints them), and adding a column would change every one of them.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'sync',
  up(db) {
    db.exec(`
      -- One row per outbox item that has been offered to the API. first_sent_at starts its 24 h
      -- idempotency window: older than that, the item is looked up by client id before any resend.
      CREATE TABLE outbox_delivery (
        seq INTEGER PRIMARY KEY REFERENCES outbox (seq) ON DELETE CASCADE,
        first_sent_at TEXT NOT NULL,
        confirmed_at TEXT,
        server_id TEXT
      ) STRICT;
      CREATE INDEX outbox_sent_by_time ON outbox (updated_at) WHERE status = 'sent';

      -- What a person must resolve: items the API refused, payments declined after forwarding.
      CREATE TABLE needs_attention (
        id INTEGER PRIMARY KEY,
        client_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rejected', 'declined_after_forward')),
        item_kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        resolution TEXT,
        UNIQUE (client_id, kind)
      ) STRICT;
      CREATE INDEX needs_attention_open ON needs_attention (resolved_at, id);

      -- Small sync facts by name: pull cursors, audit upload position, enrollment, clock readings.
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Events already applied from the signed feed: a replayed id is ignored.
      CREATE TABLE seen_events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        seen_at TEXT NOT NULL
      ) STRICT;

      -- Enrollment codes this terminal has tried (SHA-256 of the normalized code, never the code):
      -- a code from the policy file is used once and never retried, whatever the outcome.
      CREATE TABLE enrollment_codes_used (
        code_hash TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('admin', 'policy', 'command_line')),
        outcome TEXT NOT NULL,
        used_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
