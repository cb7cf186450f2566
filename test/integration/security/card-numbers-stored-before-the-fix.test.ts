import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import { REQUEUED_NOTE } from '../../../electron/main/storage/migrations/0007-mask-card-data';
import { textHasCardNumber } from '../../../shared/domain/card-data';
import type { Db } from '../../../electron/main/storage/db';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { sandboxClientIds, syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

let sb: TestSandbox;
let t: SyncTerminal;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 100_000 } });
  t = await syncTerminal(sb);
});
afterAll(async () => {
  await t.close();
  await sb.cleanup();
});

/** Every text value of every ordinary table that holds a card number, as `table.column`. */
function cardNumbersIn(db: Db): string[] {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  const found: string[] = [];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
      for (const [column, value] of Object.entries(row))
        if (typeof value === 'string' && textHasCardNumber(value)) found.push(`${table}.${column}`);
    }
  }
  return [...new Set(found)].sort();
}

const openAttention = () => t.storage.needsAttention.openCount();

describe('migration 0007: card numbers stored before free text refused them', () => {
  it('masks them in every table, re-links the audit chain, and the sales the API refused for them are delivered', async () => {
    const db = t.storage.db;
    const [first, second] = await t.sell(2);
    // What an older terminal stored when a product name and a staff name held card numbers.
    db.prepare(
      "UPDATE outbox SET payload_json = json_set(payload_json, '$.body.lines[0].name', 'Milk 4111 1111 1111 1111') WHERE kind = 'sale'",
    ).run();
    db.prepare("UPDATE sale_lines SET name = 'Milk 4111 1111 1111 1111'").run();
    db.prepare("UPDATE staff SET name = 'Ann 5555-5555-5555-4444'").run();
    t.storage.audit.record({ action: 'settings.changed', actorId: t.staffId, details: { reason: 'card 4111/1111/1111/1111' } });
    t.storage.audit.record({ action: 'data.exported', actorId: t.staffId, details: { items: 1 } });
    expect(cardNumbersIn(db)).toEqual(['audit_log.details_json', 'outbox.payload_json', 'sale_lines.name', 'staff.name']);

    // The API refuses both sales: they sit in needs-attention, never delivered.
    const terminalId = await t.enroll();
    for (let i = 0; i < 500 && openAttention() < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    t.sync.engine.stop();
    await t.sync.engine.idle();
    expect(openAttention()).toBe(2);
    expect(db.prepare("SELECT status, last_error FROM outbox WHERE kind = 'sale'").all()).toEqual([
      { status: 'rejected', last_error: expect.stringMatching(/^card_data_refused/) },
      { status: 'rejected', last_error: expect.stringMatching(/^card_data_refused/) },
    ]);

    // The upgrade: migration 0007 runs on this database (the later ones made their tables when it was created).
    db.pragma('user_version = 6');
    expect(migrate(db, MIGRATIONS.slice(0, 7), 'terminal.db')).toEqual({ from: 6, to: 7 });
    db.pragma(`user_version = ${MIGRATIONS.length}`);

    expect(cardNumbersIn(db)).toEqual([]);
    expect(db.prepare('SELECT name FROM sale_lines LIMIT 1').get()).toEqual({ name: 'Milk [card number removed]' });
    expect(
      JSON.parse((db.prepare('SELECT payload_json FROM outbox WHERE client_id = ?').get(first) as { payload_json: string }).payload_json)
        .body.lines[0].name,
    ).toBe('Milk [card number removed]');
    expect(db.prepare("SELECT status, last_error FROM outbox WHERE kind = 'sale'").all()).toEqual([
      { status: 'queued', last_error: REQUEUED_NOTE },
      { status: 'queued', last_error: REQUEUED_NOTE },
    ]);
    expect(openAttention()).toBe(0);
    expect(t.storage.audit.verify()).toMatchObject({ ok: true });

    // The stuck records are deliverable now: both reach the API, once.
    t.sync.engine.start();
    await t.drained(30_000);
    const held = sandboxClientIds(sb, terminalId);
    expect([held.get(first!), held.get(second!)]).toEqual([1, 1]);
    expect(openAttention()).toBe(0);
  });
});
