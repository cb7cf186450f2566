import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { enrollFromPolicy } from '../../../electron/main/enrollment/install-code';
import { EnrollmentError } from '../../../electron/main/enrollment/enrollment-errors';
import { enrollmentCodeFromArgv } from '../../../electron/main/enrollment/enrollment-errors';
import { realKeychain } from '../../support/storage';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { outboxClientIds, sandboxClientIds, syncTerminal } from '../../support/sync-terminal';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 }, enrollmentRateLimit: { max: 1_000 } });
});
afterAll(() => sb.cleanup());

const code = async () => (await sb.admin('POST', '/admin/enrollment-codes', {})).json.code as string;
const refusal = async (work: Promise<unknown>) =>
  (
    (await work.then(
      () => null,
      (e: unknown) => e,
    )) as EnrollmentError
  ).code;

describe('enrollment', () => {
  it('keeps the credentials in the real keychain only, uses a policy code once, and re-enrolls only with nothing waiting', async () => {
    const keychain = realKeychain('enrollment');
    const t = await syncTerminal(sb, { keychain });
    try {
      const policyCode = await code();
      const log: Record<string, unknown>[] = [];
      const deps = {
        enroll: (c: string) => t.sync.enrollment.enroll(c, 'policy', null).then(() => undefined),
        isEnrolled: () => t.sync.enrollment.isEnrolled() || t.sync.enrollment.wasUsed(policyCode),
        log: (e: Record<string, unknown>) => log.push(e),
      };
      expect(await enrollFromPolicy(policyCode, deps)).toBe('enrolled');
      expect(await keychain.get('api-key')).toMatch(/^sk_test_/);
      expect(await keychain.get('event-signing-secret')).toMatch(/^whsec_/);
      // Nowhere in the database, the logs or the status.
      const dump = JSON.stringify(t.storage.db.prepare('SELECT * FROM sync_state').all()) + JSON.stringify(t.sync.engine.status());
      expect(dump).not.toContain((await keychain.get('api-key'))!);
      expect(JSON.stringify(log)).not.toContain(policyCode);
      // The next start finds the same code in the policy file: it is never tried again.
      expect(await enrollFromPolicy(policyCode, deps)).toBe('already_enrolled');
      expect(await refusal(t.sync.enrollment.enroll(policyCode, 'policy', null))).toBe('code_already_used');

      t.sync.engine.stop();
      await t.sell(2);
      expect(await refusal(t.sync.enrollment.enroll(await code(), 'admin', t.staffId))).toBe('unsynced_items');
      expect(await refusal(t.sync.enrollment.signOutOfStore(t.staffId))).toBe('unsynced_items');
      const exported = t.sync.enrollment.exportUnsynced(t.sync.exportDir, t.staffId);
      // The two sales and the open of their shift.
      expect(exported.items).toBe(3);
      expect(JSON.parse(readFileSync(exported.file, 'utf8')).items).toHaveLength(3);
      await t.sell(1);
      expect(await refusal(t.sync.enrollment.signOutOfStore(t.staffId))).toBe('export_outdated');

      await t.sync.engine.syncNow();
      expect(t.sync.queue.pendingStats().count).toBe(0);
      const second = await t.sync.enrollment.enroll(await code(), 'admin', t.staffId);
      expect(second.terminalId).toMatch(/^trm_/);
      await t.sync.enrollment.signOutOfStore(t.staffId);
      expect(await keychain.get('api-key')).toBeNull();
      expect(existsSync(exported.file)).toBe(true);
    } finally {
      await t.close();
      await keychain.delete('api-key');
      await keychain.delete('event-signing-secret');
    }
  });

  it('refuses a malformed code and one the API does not know, and reads --enrollment-code', async () => {
    const t = await syncTerminal(sb);
    try {
      expect(await refusal(t.sync.enrollment.enroll('nope', 'admin', null))).toBe('invalid_code');
      expect(await refusal(t.sync.enrollment.enroll('ABCD-EFGH-JKMN', 'admin', null))).toBe('code_refused');
      expect(await refusal(t.sync.enrollment.enroll('ABCD-EFGH-JKMN', 'admin', null))).toBe('code_already_used');
      expect(enrollmentCodeFromArgv(['node', 'x', '--enrollment-code', 'ABCD-EFGH-JKMN'])).toBe('ABCD-EFGH-JKMN');
      expect(enrollmentCodeFromArgv(['--enrollment-code=WXYZ-EFGH-JKMN'])).toBe('WXYZ-EFGH-JKMN');
      expect(enrollmentCodeFromArgv(['--other'])).toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe('a store of 10 terminals', () => {
  it('each enrolled in one sandbox, selling and syncing at once: every sale arrives once, under its own terminal', async () => {
    const terminals = await Promise.all(Array.from({ length: 10 }, () => syncTerminal(sb)));
    try {
      const ids = await Promise.all(terminals.map((t) => t.enroll()));
      await Promise.all(
        terminals.map(async (t) => {
          for (let round = 0; round < 5; round++) {
            await t.sell(10);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }),
      );
      await Promise.all(terminals.map((t) => t.drained()));
      terminals.forEach((t, i) => {
        const held = sandboxClientIds(sb, ids[i]!);
        const mine = outboxClientIds(t.storage);
        expect(mine).toHaveLength(50);
        expect(held.size).toBe(51); // and the open of the shift they were sold in
        expect(mine.every((id) => held.get(id) === 1)).toBe(true);
      });
    } finally {
      await Promise.all(terminals.map((t) => t.close()));
    }
  }, 120_000);
});
