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
      -- Only numbers past the end may be added: this stops INSERT OR REPLACE over an old row, which
      -- would otherwise remove it without firing the DELETE trigger. (A gap left by tampering stays
      -- visible to verify; recording carries on, so a store is never stopped from trading.)
      CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
      WHEN NEW.seq <= (SELECT coalesce(max(seq), 0) FROM audit_log)
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      -- The last link, kept apart so that cutting rows off the end is detected too, and so that the
      -- next record links to what the chain should end with rather than to whatever rows are left.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;
      CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
      WHEN NEW.seq <> OLD.seq + 1
        OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
      BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;
      CREATE TRIGGER audit_head_points_at_a_row BEFORE INSERT ON audit_head
      WHEN NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
      BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;
    `);
  },
};
