import type { Migration } from './types';

export const migration0001: Migration = {
  version: 1,
  name: 'settings-and-outbox',
  up(db) {
    db.exec(`
      -- Settings an admin changed on this terminal, by dotted path; defaults and IT policy live outside the database.
      CREATE TABLE settings_local (
        path TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT
      ) STRICT;

      -- Everything waiting to reach the NoPOS API, in order. client_id is the idempotency key.
      -- seq is a plain rowid (no AUTOINCREMENT): new rows still sort after every existing row, and
      -- each durable write touches one page fewer, which matters once every page is encrypted.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        client_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_error TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (status, seq);
    `);
  },
};
