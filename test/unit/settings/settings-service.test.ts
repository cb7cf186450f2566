import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../electron/main/audit/audit-trail';
import { SettingsService } from '../../../electron/main/settings/settings-service';
import type { Db } from '../../../electron/main/storage/db';
import { migrate } from '../../../electron/main/storage/migrate';
import { MIGRATIONS } from '../../../electron/main/storage/migrations';
import type { SettingsPatch } from '../../../shared/domain/settings';
import { scratchDatabase } from '../../support/scratch-db';

let db: Db;
let cleanup: () => void;
const now = () => new Date('2026-11-29T10:00:00.000Z');

function service(policy: SettingsPatch = {}): { settings: SettingsService; audit: AuditTrail } {
  const terminalId = SettingsService.ensureTerminalId(db, policy, now);
  const audit = new AuditTrail({ db, now, terminalId: () => terminalId });
  return { settings: new SettingsService(db, policy, audit, now), audit };
}

beforeEach(async () => {
  let file: string;
  ({ db, file, cleanup } = await scratchDatabase());
  migrate(db, MIGRATIONS, file);
});
afterEach(() => cleanup());

describe('settings', () => {
  it('start from the built-in defaults with a generated terminal id that persists', () => {
    const first = service().settings.current();
    expect(first.values.store).toEqual({
      name: 'My store',
      address: '',
      currency: 'EUR',
      taxMode: 'inclusive',
      cashRoundingMinor: 0,
      mergeSameItem: true,
    });
    expect(first.values.policies.pinLength).toBe(6);
    expect(first.values.policies.autoLockMinutes).toBe(5);
    expect(first.values.terminal.id).toMatch(/^T-[A-Z2-9]{8}$/);
    expect(first.locked).toEqual([]);
    expect(service().settings.current().values.terminal.id).toBe(first.values.terminal.id);
  });

  it('take the terminal id from IT policy when it sets one', () => {
    expect(service({ terminal: { id: 'STORE12-TILL3' } }).settings.current().values.terminal.id).toBe('STORE12-TILL3');
  });

  it('apply an admin change, audited with who changed what', () => {
    const { settings, audit } = service();
    const view = settings.update({ store: { name: 'Corner Shop', currency: 'GBP' } }, 'st-admin');
    expect(view.values.store).toMatchObject({ name: 'Corner Shop', currency: 'GBP', taxMode: 'inclusive' });
    expect(service().settings.current().values.store.name).toBe('Corner Shop');
    expect(audit.verify()).toMatchObject({ ok: true, entries: 1 });
    expect(db.prepare('SELECT action, actor_id, target FROM audit_log').get()).toEqual({
      action: 'settings.changed',
      actor_id: 'st-admin',
      target: 'store.name,store.currency',
    });
  });

  it('let IT policy win over local changes and report those values as locked', () => {
    service().settings.update({ store: { currency: 'GBP' }, policies: { autoLockMinutes: 15 } }, 'st-admin');
    const view = service({ store: { currency: 'EUR' }, policies: { offlinePayments: { maxCount: 3 } } }).settings.current();
    expect(view.values.store.currency).toBe('EUR');
    expect(view.values.policies.autoLockMinutes).toBe(15);
    expect(view.values.policies.offlinePayments).toMatchObject({ maxCount: 3, maxAgeHours: 24 });
    expect(view.locked).toEqual(['store.currency', 'policies.offlinePayments.maxCount']);
  });

  it('refuse a change to a locked value, changing nothing', () => {
    const { settings, audit } = service({ policies: { pinLength: 8 } });
    expect(() => settings.update({ policies: { pinLength: 4 }, store: { name: 'X' } }, 'st-admin')).toThrow(
      /IT policy and locked: policies.pinLength/,
    );
    expect(settings.current().values.store.name).toBe('My store');
    expect(audit.verify()).toMatchObject({ entries: 0 });
  });

  it.each<[string, unknown]>([
    ['a float amount', { policies: { offlinePayments: { maxPerTransactionMinor: 99.5 } } }],
    ['an unknown key', { store: { colour: 'red' } }],
    ['an http API', { policies: { apiBaseUrl: 'http://api.nopos.dev' } }],
    ['another API address (where the key would go)', { policies: { apiBaseUrl: 'https://attacker.example' } }],
    ['an empty patch', {}],
    ['the terminal id', { terminal: { id: 'OTHER-ID' } }],
  ])('refuse %s with a typed error, changing nothing', (_name, patch) => {
    const { settings } = service();
    const before = settings.current();
    expect(() => settings.update(patch as SettingsPatch, 'st-admin')).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/invalid_request|forbidden/) }),
    );
    expect(settings.current()).toEqual(before);
  });

  it('ignore a stored value that no longer fits the schema instead of failing', () => {
    db.prepare(
      "INSERT INTO settings_local (path, value_json, updated_at) VALUES ('policies.pinLength', '99', 'now'), ('store.retired', '1', 'now')",
    ).run();
    expect(service().settings.current().values.policies.pinLength).toBe(6);
  });
});
