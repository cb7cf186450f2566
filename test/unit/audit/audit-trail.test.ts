import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail, linkHash } from '../../../electron/main/audit/audit-trail';
import type { Db } from '../../../electron/main/storage/db';
import { migrate } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import { scratchDatabase } from '../../support/scratch-db';

let db: Db;
let cleanup: () => void;
let audit: AuditTrail;
let clock = Date.parse('2026-11-29T09:00:00.000Z');

beforeEach(async () => {
  let file: string;
  ({ db, file, cleanup } = await scratchDatabase());
  migrate(db, MIGRATIONS, file);
  audit = new AuditTrail({ db, now: () => new Date((clock += 1000)), terminalId: () => 'T-TEST' });
  audit.record({ action: 'staff.sign_in', actorId: 'st-1' });
  audit.record({ action: 'sale.completed', actorId: 'st-1', target: 'sale-1', amount: { minor: 1299, currency: 'EUR' } });
  audit.record({
    action: 'refund.issued',
    actorId: 'st-1',
    approverId: 'st-9',
    target: 'sale-1',
    amount: { minor: -500, currency: 'EUR' },
  });
  audit.record({ action: 'drawer.opened', actorId: 'st-9', details: { reason: 'change' } });
  audit.record({ action: 'staff.sign_out', actorId: 'st-1' });
});
afterEach(() => cleanup());

/** What an attacker with the key and a SQLite shell could do: lift the log's triggers and edit rows. */
function tamper(sql: string, ...params: unknown[]): void {
  for (const trigger of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_append_only'])
    db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  db.prepare(sql).run(...params);
}

const row = (seq: number) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Record<string, unknown>;

describe('audit trail', () => {
  it('chains every row to the one before and verifies clean', () => {
    expect(audit.verify()).toMatchObject({ ok: true, entries: 5 });
    expect(row(1).prev_hash).toBe('0'.repeat(64));
    expect(row(2).prev_hash).toBe(row(1).hash);
    expect(row(3)).toMatchObject({ terminal_id: 'T-TEST', actor_id: 'st-1', approver_id: 'st-9', amount_minor: -500, currency: 'EUR' });
  });

  it('is append-only at the database level', () => {
    expect(() => db.prepare('UPDATE audit_log SET amount_minor = 1 WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
  });

  it('refuses INSERT OR REPLACE over an old row, and any insert that is not past the end', () => {
    expect(() =>
      db
        .prepare(
          "INSERT OR REPLACE INTO audit_log (seq, at, terminal_id, action, prev_hash, hash) VALUES (2, 'now', 'T-TEST', 'drawer.opened', 'p', 'h')",
        )
        .run(),
    ).toThrow(/append-only/);
    expect(audit.verify()).toMatchObject({ ok: true, entries: 5 });
  });

  it('keeps the head moving forward only', () => {
    expect(() => db.prepare('DELETE FROM audit_head').run()).toThrow(/only moves forward/);
    expect(() => db.prepare('UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)').run()).toThrow(
      /only moves forward/,
    );
    expect(() => db.prepare("UPDATE audit_head SET seq = 6, hash = 'forged'").run()).toThrow(/only moves forward/);
  });

  it('still reports rows cut off the end after new records are added', () => {
    tamper('DELETE FROM audit_log WHERE seq >= 4');
    audit.record({ action: 'staff.sign_in', actorId: 'st-1' });
    audit.record({ action: 'staff.sign_out', actorId: 'st-1' });
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 4, problem: 'missing_row' });
  });

  it('keeps reporting a removed head after new records are added', () => {
    db.exec('DROP TRIGGER audit_head_no_delete');
    db.prepare('DELETE FROM audit_head').run();
    audit.record({ action: 'staff.sign_in', actorId: 'st-1' });
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 6, problem: 'broken_link' });
  });

  it('finds an edited row', () => {
    tamper('UPDATE audit_log SET amount_minor = 12 WHERE seq = 2');
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 2, problem: 'hash_mismatch' });
  });

  it('finds an edit that also recomputed the row hash, at the next link', () => {
    const r = row(2);
    const forged = linkHash(
      r.prev_hash as string,
      JSON.stringify([2, r.at, r.terminal_id, r.actor_id, r.approver_id, r.action, r.target, 1, r.currency, r.details_json]),
    );
    tamper('UPDATE audit_log SET amount_minor = 1, hash = ? WHERE seq = 2', forged);
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 3, problem: 'broken_link' });
  });

  it('finds a deleted row in the middle', () => {
    tamper('DELETE FROM audit_log WHERE seq = 3');
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 3, problem: 'missing_row' });
  });

  it('finds rows cut off the end', () => {
    tamper('DELETE FROM audit_log WHERE seq >= 4');
    expect(audit.verify()).toMatchObject({ ok: false, problem: 'head_mismatch' });
  });

  it('finds an inserted row', () => {
    tamper('UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3');
    tamper('UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103');
    const r = row(2);
    db.prepare(
      "INSERT INTO audit_log (seq, at, terminal_id, actor_id, action, prev_hash, hash) VALUES (3, ?, 'T-TEST', 'st-6', 'drawer.opened', ?, ?)",
    ).run(
      r.at,
      r.hash,
      linkHash(r.hash as string, JSON.stringify([3, r.at, 'T-TEST', 'st-6', null, 'drawer.opened', null, null, null, null])),
    );
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 4, problem: 'broken_link' });
  });

  it('finds reordered rows', () => {
    tamper('UPDATE audit_log SET seq = 100 WHERE seq = 2');
    tamper('UPDATE audit_log SET seq = 2 WHERE seq = 3');
    tamper('UPDATE audit_log SET seq = 3 WHERE seq = 100');
    expect(audit.verify()).toMatchObject({ ok: false, brokenAt: 2, problem: 'broken_link' });
  });

  it('refuses a float amount and an unknown action, writing nothing', () => {
    expect(() => audit.record({ action: 'sale.completed', actorId: 'st-1', amount: { minor: 12.99, currency: 'EUR' } })).toThrow();
    expect(() => audit.record({ action: 'teleport' as never, actorId: 'st-1' })).toThrow();
    expect(audit.verify()).toMatchObject({ ok: true, entries: 5 });
  });

  it('never stores a secret in the details', () => {
    audit.record({
      action: 'staff.changed',
      actorId: 'st-1',
      target: 'card 4111 1111 1111 1111 pin=1234',
      details: { pin: '482913', note: 'card 4111 1111 1111 1111', role: 'manager' },
    });
    const details = JSON.parse(row(6).details_json as string);
    expect(details).toEqual({ pin: '[REDACTED]', note: 'card [CARD]', role: 'manager' });
    expect(row(6).target).toBe('card [CARD] pin=[REDACTED]');
    expect(audit.verify()).toMatchObject({ ok: true, entries: 6 });
  });

  it('records inside a caller transaction and rolls back with it', () => {
    expect(() =>
      db.transaction(() => {
        audit.record({ action: 'sale.voided', actorId: 'st-1', target: 'sale-1' });
        throw new Error('the sale write failed');
      })(),
    ).toThrow('the sale write failed');
    expect(audit.verify()).toMatchObject({ ok: true, entries: 5 });
  });
});
