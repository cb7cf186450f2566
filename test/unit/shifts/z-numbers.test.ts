import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/main/storage/db';
import { migrate } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import { shiftReportDocument } from '../../../electron/main/receipts/shift-report-document';
import { ShiftRepository } from '../../../electron/main/ledger/shift-repository';
import type { ShiftReport } from '../../../shared/domain/shift';
import { ok } from '../../support/register-steps';
import { scratchDatabase } from '../../support/scratch-db';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Issue 15, item 14: every Z report has a gapless number on its terminal, printed on it.

describe('migration 0009 (Z numbers)', () => {
  let db: Db;
  let file: string;
  let cleanup: () => void;
  beforeEach(async () => void ({ db, file, cleanup } = await scratchDatabase()));
  afterEach(() => cleanup());

  it('numbers the shifts closed before it in the order they closed, and leaves an open one unnumbered', () => {
    migrate(db, MIGRATIONS.slice(0, 6), file);
    const insert = db.prepare(
      "INSERT INTO shifts (id, status, currency, opened_at, opened_by, float_minor, closed_at) VALUES (?, ?, 'EUR', 't0', 'st_a', 0, ?)",
    );
    insert.run('sh_b', 'closed', '2026-01-02T00:00:00Z');
    insert.run('sh_a', 'closed', '2026-01-01T00:00:00Z');
    insert.run('sh_c', 'open', null);
    migrate(db, MIGRATIONS, file);
    expect(db.prepare('SELECT id, z_number FROM shifts ORDER BY id').all()).toEqual([
      { id: 'sh_a', z_number: 1 },
      { id: 'sh_b', z_number: 2 },
      { id: 'sh_c', z_number: null },
    ]);
    expect(() => db.prepare("UPDATE shifts SET z_number = 1 WHERE id = 'sh_c'").run()).toThrow(/UNIQUE/);
  });
});

describe('closing shifts', () => {
  let t: TerminalFixture;
  beforeEach(async () => {
    t = await terminalFixture();
    const manager = await t.addStaff('Manny', 'manager', '205837');
    expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
  });
  afterEach(() => t.close());

  it('gives each Z report the next number, with no gap for a close that was refused, and prints it', async () => {
    const numbers: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      await ok(t, 'shifts.open', { floatMinor: 1_000 });
      expect(await ok(t, 'shifts.close', { countedMinor: 900 })).toMatchObject({ outcome: 'count_differs', differenceMinor: -100 });
      numbers.push((await ok<ShiftReport>(t, 'shifts.close', { countedMinor: 1_000 })).zNumber);
    }
    expect(numbers).toEqual([1, 2, 3]);
    const shiftId = (t.storage.db.prepare('SELECT id FROM shifts WHERE z_number = 2').get() as { id: string }).id;
    const stored = new ShiftRepository(t.storage.db).closedReport(shiftId)!;
    expect(stored.zNumber).toBe(2);
    const paper = shiftReportDocument(
      stored,
      {
        store: { name: 'Shop', address: '' },
        terminal: { id: 'TILL-1', name: 'Till' },
        locale: 'en-GB',
        timeZone: 'UTC',
        staffName: () => 'Manny',
        printedBy: 'Manny',
        printedAt: new Date(),
      },
      'original',
    );
    expect(paper.rows).toContainEqual(expect.objectContaining({ kind: 'pair', left: 'Z number', right: '000002' }));
  });
});
