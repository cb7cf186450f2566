import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/main/storage/db';
import { migrate } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import { writeTransaction } from '../../../electron/main/storage/transaction';
import { NeedsAttention } from '../../../electron/main/storage/needs-attention';
import { scratchDatabase } from '../../support/scratch-db';

let db: Db;
let file: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, file, cleanup } = await scratchDatabase());
});
afterEach(() => cleanup());

describe('migration 0006 (sync)', () => {
  it('keeps queued rows and their columns exactly as they were (delivery state lives beside them)', () => {
    migrate(db, MIGRATIONS.slice(0, 5), file);
    const insert = db.prepare(
      "INSERT INTO outbox (client_id, kind, payload_json, status, attempts, created_at, updated_at, last_error) VALUES (?, 'sale', ?, ?, ?, 't0', 't1', ?)",
    );
    insert.run('a', '{"totalMinor":1}', 'queued', 0, null);
    insert.run('b', '{"totalMinor":2}', 'sending', 3, 'timeout');
    const before = db.prepare('SELECT * FROM outbox ORDER BY seq').all();
    const columns = db.prepare('PRAGMA table_info(outbox)').all();
    migrate(db, MIGRATIONS, file);
    expect(db.prepare('SELECT * FROM outbox ORDER BY seq').all()).toEqual(before);
    expect(db.prepare('PRAGMA table_info(outbox)').all()).toEqual(columns);
  });

  it('reads the next batch of pending items from the pending index', () => {
    migrate(db, MIGRATIONS, file);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE status IN ('queued', 'sending') ORDER BY seq LIMIT 100")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/outbox_pending/);
  });
});

describe('needs-attention list', () => {
  it('adds once per client id and kind, lists open entries, and resolves once', () => {
    migrate(db, MIGRATIONS, file);
    let t = Date.parse('2026-01-01T00:00:00Z');
    const list = new NeedsAttention(db, () => new Date((t += 1000)));
    const first = writeTransaction(db, (tx) =>
      list.add(tx, { clientId: 'pay-1', kind: 'declined_after_forward', itemKind: 'payment', reason: 'card_declined' }),
    );
    const again = writeTransaction(db, (tx) =>
      list.add(tx, { clientId: 'pay-1', kind: 'declined_after_forward', itemKind: 'payment', reason: 'other' }),
    );
    expect(again).toEqual(first);
    writeTransaction(db, (tx) =>
      list.add(tx, { clientId: 'sale-1', kind: 'rejected', itemKind: 'sale', reason: 'invalid_request: bad total' }),
    );
    expect(list.openCount()).toBe(2);
    const resolved = writeTransaction(db, (tx) => list.resolve(tx, first.id, 'st_manager', 'Took cash instead'));
    expect(resolved).toMatchObject({ resolvedBy: 'st_manager', resolution: 'Took cash instead' });
    expect(writeTransaction(db, (tx) => list.resolve(tx, first.id, 'st_other', 'again'))).toEqual(resolved);
    expect(list.list().map((e) => e.clientId)).toEqual(['sale-1']);
    expect(list.list({ includeResolved: true })).toHaveLength(2);
  });
});
