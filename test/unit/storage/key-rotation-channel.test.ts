import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryKeychain } from '../../support/memory-keychain';
import { queueItem } from '../../support/storage';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

let t: TerminalFixture;
const keychain = memoryKeychain();

beforeEach(async () => {
  t = await terminalFixture({ keychain });
});
afterEach(() => t.close());

describe('storage.rotateKey channel', () => {
  it('lets an admin re-encrypt the database, keeping every row and auditing it, without the key leaving main', async () => {
    const admin = await t.addStaff('Ada', 'admin', '739164');
    await t.core.session.signIn(admin, '739164');
    queueItem(t.storage, { clientId: 'sale-1', kind: 'sale', payload: { totalMinor: 1299 } });
    const before = keychain.entries.get('database-key');
    const result = await t.call('storage.rotateKey');
    expect(result).toMatchObject({ ok: true, data: { rotatedAt: expect.any(String) } });
    expect(JSON.stringify(result)).not.toContain(keychain.entries.get('database-key'));
    expect(keychain.entries.get('database-key')).not.toBe(before);
    expect(t.storage.outbox.pendingCount()).toBe(1);
    expect(t.storage.db.prepare("SELECT actor_id AS actor FROM audit_log WHERE action = 'database.key_rotated'").get()).toEqual({
      actor: admin,
    });
    expect(t.storage.audit.verify()).toMatchObject({ ok: true });
  });

  it('is refused to a manager', async () => {
    const manager = await t.addStaff('Manny', 'manager', '205837');
    await t.core.session.signIn(manager, '205837');
    expect(await t.call('storage.rotateKey')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
