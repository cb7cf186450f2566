import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutboxQueue } from '../../../electron/main/storage/outbox-queue';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Sync asks for the oldest waiting items before every batch, and the status bar for the oldest one on
// every change: with a day's backlog waiting, a plan that sorts the waiting rows held the main thread
// for tens of milliseconds per batch (issue 15, scan → paint while syncing). Every query of the queue
// that takes the first rows in queue order must walk an index in that order.

let t: TerminalFixture;
beforeEach(async () => {
  t = await terminalFixture();
});
afterEach(() => t.close());

function queueStatements(): string[] {
  const prepare = vi.spyOn(t.storage.db, 'prepare');
  new OutboxQueue(t.storage.db, t.storage.needsAttention, t.clock.now);
  const sources = prepare.mock.calls.map(([source]) => source);
  prepare.mockRestore();
  return sources;
}

describe("the outbox queue's reads in queue order", () => {
  it('walk an index instead of sorting the waiting rows', () => {
    const ordered = queueStatements().filter((sql) => /^\s*SELECT/i.test(sql) && /ORDER BY[^)]*LIMIT/is.test(sql));
    expect(ordered.length).toBeGreaterThanOrEqual(3);
    for (const sql of ordered) {
      // The queue's parameters are (kind?, limit): a kind, then how many.
      const params = [[], [100], ['payment', 100]][(sql.match(/\?/g) ?? []).length] ?? [];
      const plan = (t.storage.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
      expect(plan, sql).not.toMatch(/TEMP B-TREE/);
    }
  });
});
