import type { Migration } from './types';

export const migration0003: Migration = {
  version: 3,
  name: 'staff-and-sign-in',
  up(db) {
    db.exec(`
      -- Staff are never deleted (the audit trail names them): they are deactivated.
      -- source/external_id let records arrive from the NoPOS API later.
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'admin')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'api')),
        external_id TEXT UNIQUE,
        pin_hash TEXT NOT NULL,
        previous_pin_hash TEXT,
        pin_set_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Failed-PIN counters, per staff member ('staff:<id>') and for the whole terminal ('terminal').
      -- Kept on disk so that restarting the terminal does not reset a lockout.
      CREATE TABLE auth_throttle (
        scope TEXT PRIMARY KEY,
        failures INTEGER NOT NULL DEFAULT 0,
        level INTEGER NOT NULL DEFAULT 0,
        locked_until_ms INTEGER NOT NULL DEFAULT 0,
        window_start_ms INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
  },
};
