import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/main/storage/db';
import { migrate, QueuedDataChangedError, schemaVersion } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import type { Migration } from '../../../electron/main/storage/migrations/types';
import { DatabaseTooNewError } from '../../../electron/main/storage/storage-errors';
import { scratchDatabase } from '../../support/scratch-db';

let db: Db;
let file: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ db, file, cleanup } = await scratchDatabase());
});
afterEach(() => cleanup());

const tables = () =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);

function queueRows(count: number): unknown[] {
  const insert = db.prepare(
    "INSERT INTO outbox (client_id, kind, payload_json, status, created_at, updated_at) VALUES (?, 'sale', ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
  );
  for (let i = 0; i < count; i++)
    insert.run(`client-${i}`, JSON.stringify({ totalMinor: 1000 + i, currency: 'EUR' }), i % 5 === 0 ? 'sending' : 'queued');
  return db.prepare('SELECT * FROM outbox ORDER BY seq').all();
}

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('0001 creates local settings and the outbox with its constraints', () => {
    migrate(db, MIGRATIONS.slice(0, 1), file);
    expect(tables()).toEqual(['outbox', 'settings_local']);
    const insert = db.prepare(
      "INSERT INTO outbox (client_id, kind, payload_json, status, created_at, updated_at) VALUES (?, 'sale', '{}', ?, 'now', 'now')",
    );
    insert.run('a', 'queued');
    expect(() => insert.run('a', 'queued')).toThrow(/UNIQUE/);
    expect(() => insert.run('b', 'lost')).toThrow(/CHECK/);
  });

  it('0002 creates an append-only audit log', () => {
    migrate(db, MIGRATIONS.slice(0, 2), file);
    expect(tables()).toEqual(expect.arrayContaining(['audit_log', 'audit_head']));
    db.prepare(
      "INSERT INTO audit_log (seq, at, terminal_id, action, prev_hash, hash) VALUES (1, 'now', 'T-1', 'drawer.opened', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('0003 creates staff, never to be deleted, and persistent sign-in counters', () => {
    migrate(db, MIGRATIONS.slice(0, 3), file);
    expect(tables()).toEqual(expect.arrayContaining(['staff', 'auth_throttle']));
    const insert = db.prepare(
      "INSERT INTO staff (id, name, role, source, external_id, pin_hash, pin_set_at, created_at, updated_at) VALUES (?, 'N', ?, ?, ?, 'h', 'now', 'now', 'now')",
    );
    insert.run('st_a', 'cashier', 'local', null);
    insert.run('st_b', 'manager', 'api', 'ext-1');
    expect(() => insert.run('st_c', 'owner', 'local', null)).toThrow(/CHECK/);
    expect(() => insert.run('st_d', 'cashier', 'ldap', null)).toThrow(/CHECK/);
    expect(() => insert.run('st_e', 'cashier', 'api', 'ext-1')).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT active FROM staff WHERE id = ?').get('st_a')).toEqual({ active: 1 });
    db.prepare("INSERT INTO auth_throttle (scope) VALUES ('terminal')").run();
    expect(db.prepare('SELECT * FROM auth_throttle').get()).toEqual({
      scope: 'terminal',
      failures: 0,
      level: 0,
      locked_until_ms: 0,
      window_start_ms: 0,
    });
  });

  it('declined-settlements records money taken for a declined card once per payment, in a shift', () => {
    const upTo = MIGRATIONS.findIndex((m) => m.name === 'declined-settlements') + 1;
    expect(upTo).toBeGreaterThan(0);
    migrate(db, MIGRATIONS.slice(0, upTo), file);
    db.prepare(
      "INSERT INTO shifts (id, status, currency, opened_at, opened_by, float_minor) VALUES ('sh-1', 'open', 'EUR', 'now', 'st_a', 0)",
    ).run();
    const insert = db.prepare(
      "INSERT INTO declined_settlements (id, payment_id, sale_id, shift_id, method, amount_minor, staff_id, at) VALUES (?, ?, NULL, ?, ?, ?, 'st_a', 'now')",
    );
    insert.run('s-1', 'pay-1', 'sh-1', 'cash', 899);
    expect(() => insert.run('s-2', 'pay-1', 'sh-1', 'card', 899)).toThrow(/UNIQUE/);
    expect(() => insert.run('s-3', 'pay-2', 'sh-1', 'cheque', 899)).toThrow(/CHECK/);
    expect(() => insert.run('s-4', 'pay-3', 'sh-1', 'cash', 0)).toThrow(/CHECK/);
    expect(() => insert.run('s-5', 'pay-4', 'sh-missing', 'cash', 100)).toThrow(/FOREIGN KEY/);
  });

  it('apply all pending steps in one transaction and record the version', () => {
    expect(migrate(db, MIGRATIONS, file)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(migrate(db, MIGRATIONS, file)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });

  it('roll back every step when one fails', () => {
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (d) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table;'),
    };
    expect(() => migrate(db, [...MIGRATIONS, broken], file)).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables()).toEqual([]);
  });

  it('refuse a database from a newer version without touching it', () => {
    migrate(db, MIGRATIONS, file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db, MIGRATIONS, file)).toThrow(DatabaseTooNewError);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
  });

  // Every step from the one that created the outbox onwards runs over a database holding queued sales.
  const outboxVersion = 1;
  it.each(MIGRATIONS.filter((m) => m.version > outboxVersion).map((m) => m.version))(
    'keep every queued row byte for byte when migrating from version %i - 1',
    (version) => {
      migrate(db, MIGRATIONS.slice(0, version - 1), file);
      const queued = queueRows(25);
      migrate(db, MIGRATIONS, file);
      expect(db.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(queued);
    },
  );

  it('refuse and roll back a migration that rewrites queued rows', () => {
    migrate(db, MIGRATIONS, file);
    const queued = queueRows(3);
    const careless: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'careless',
      up: (d) => d.exec("UPDATE outbox SET payload_json = '{}'"),
    };
    expect(() => migrate(db, [...MIGRATIONS, careless], file)).toThrow(QueuedDataChangedError);
    expect(db.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(queued);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  });

  it('refuse and roll back a migration that marks queued rows as rejected', () => {
    migrate(db, MIGRATIONS, file);
    const queued = queueRows(3);
    const silent: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'silent',
      up: (d) => d.exec("UPDATE outbox SET status = 'rejected'"),
    };
    expect(() => migrate(db, [...MIGRATIONS, silent], file)).toThrow(QueuedDataChangedError);
    expect(db.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(queued);
  });

  it('refuse and roll back a migration that drops the queue', () => {
    migrate(db, MIGRATIONS, file);
    queueRows(3);
    const dropper: Migration = { version: MIGRATIONS.length + 1, name: 'dropper', up: (d) => d.exec('DELETE FROM outbox') };
    expect(() => migrate(db, [...MIGRATIONS, dropper], file)).toThrow(QueuedDataChangedError);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 3 });
  });
});
