import type { Migration } from './types';

export const migration0002: Migration = {
  version: 2,
  name: 'audit-trail',
  up(db) {
    db.exec(`
      -- Append-only and hash-chained: each row's hash covers the previous row's hash and its own content.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        actor_id TEXT,
        approver_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        amount_minor INTEGER,
        currency TEXT,
        details_json TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      -- The last link, kept apart so that cutting rows off the end is detected too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
    `);
  },
};
