import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentError } from '../../../electron/main/enrollment/enrollment-errors';
import type { Keychain, SecretName } from '../../../electron/main/secrets/keychain';
import { realKeychain } from '../../support/storage';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

let sb: TestSandbox;
let t: SyncTerminal | null = null;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 }, enrollmentRateLimit: { max: 1_000 } });
});
afterAll(() => sb.cleanup());

/** The real OS keychain, with a write that fails on demand (a locked or full keychain half-way). */
function failingKeychain(name: string): Keychain & { failOn: SecretName | null; real: Keychain } {
  const real = realKeychain(name);
  const wrapper = {
    failOn: null as SecretName | null,
    real,
    probe: () => real.probe(),
    get: (secret: SecretName) => real.get(secret),
    delete: (secret: SecretName) => real.delete(secret),
    async set(secret: SecretName, value: string) {
      if (wrapper.failOn === secret) throw new Error('keychain write refused');
      await real.set(secret, value);
    },
  };
  return wrapper;
}

let keychain: ReturnType<typeof failingKeychain> | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
  if (keychain) for (const name of ['api-key', 'event-signing-secret'] as const) await keychain.real.delete(name);
  keychain = null;
});

const code = async () => (await sb.admin('POST', '/admin/enrollment-codes', {})).json.code as string;
const refusal = async (work: Promise<unknown>) =>
  (
    (await work.then(
      () => null,
      (e: unknown) => e,
    )) as EnrollmentError | null
  )?.code;
const codesUsedSince = (iso: string) =>
  (sb.sandbox.services.db.prepare('SELECT terminal_id FROM enrollment_codes WHERE used_at >= ?').all(iso) as { terminal_id: string }[]).map(
    (r) => r.terminal_id,
  );
const terminalsAtApi = () =>
  (sb.sandbox.services.db.prepare('SELECT count(*) AS n FROM terminals WHERE revoked_at IS NULL').get() as { n: number }).n;

describe('enrollment is one unit: credentials and state change together or not at all', () => {
  it('a keychain write failing half-way keeps the old key, secret and state, and a revocation still verifies', async () => {
    keychain = failingKeychain('enrollment-atomic');
    t = await syncTerminal(sb, { keychain });
    const first = await t.enroll();
    await t.drained();
    const before = {
      key: await keychain.get('api-key'),
      secret: await keychain.get('event-signing-secret'),
      enrollment: t.sync.enrollment.current(),
    };

    keychain.failOn = 'event-signing-secret';
    expect(await refusal(t.sync.enrollment.enroll(await code(), 'admin', t.staffId))).toBe('not_saved');
    keychain.failOn = null;
    expect({
      key: await keychain.get('api-key'),
      secret: await keychain.get('event-signing-secret'),
      enrollment: t.sync.enrollment.current(),
    }).toEqual(before);
    const audited = t.storage.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'credentials.changed'").get();
    expect(audited).toEqual({ n: 1 });

    // The signed feed still verifies with the kept secret: the terminal learns of its revocation.
    await sb.admin('POST', `/admin/terminals/${first}/revoke`);
    expect(await t.sync.engine.syncNow()).toMatchObject({ connectivity: 'revoked' });
  });

  it('a database commit failing after the keychain writes puts the old secrets back', async () => {
    keychain = failingKeychain('enrollment-atomic-db');
    t = await syncTerminal(sb, { keychain });
    await t.enroll();
    await t.drained();
    const before = {
      key: await keychain.get('api-key'),
      secret: await keychain.get('event-signing-secret'),
      enrollment: t.sync.enrollment.current(),
    };
    t.storage.db.exec(
      "CREATE TEMP TRIGGER refuse_enrollment BEFORE INSERT ON enrollment_codes_used BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    try {
      expect(await refusal(t.sync.enrollment.enroll(await code(), 'admin', t.staffId))).toBe('not_saved');
    } finally {
      t.storage.db.exec('DROP TRIGGER temp.refuse_enrollment');
    }
    expect({
      key: await keychain.get('api-key'),
      secret: await keychain.get('event-signing-secret'),
      enrollment: t.sync.enrollment.current(),
    }).toEqual(before);
    expect(await t.sync.engine.syncNow()).toMatchObject({ connectivity: 'online' });
  });
});

describe('enrollment races', () => {
  it('two simultaneous enrollments: one succeeds, the other is refused before it reaches NoPOS, no terminal is orphaned', async () => {
    t = await syncTerminal(sb);
    const [a, b] = [await code(), await code()];
    const live = terminalsAtApi();
    const started = new Date(Date.now() - 1).toISOString();
    const results = await Promise.allSettled([
      t.sync.enrollment.enroll(a, 'admin', t.staffId),
      t.sync.enrollment.enroll(b, 'admin', t.staffId),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as EnrollmentError).code).toBe('in_progress');
    expect(terminalsAtApi()).toBe(live + 1);
    // The refused code was never spent: only the winner's code is used at NoPOS, by this terminal.
    expect(codesUsedSince(started)).toEqual([t.sync.enrollment.current()?.terminalId]);
    // Ten at once, as a double-clicking admin and an install-time code might: still one terminal.
    const codes = await Promise.all(Array.from({ length: 10 }, () => code()));
    await t.drained();
    const again = await Promise.allSettled(codes.map((c) => t!.sync.enrollment.enroll(c, 'admin', t!.staffId)));
    expect(again.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(terminalsAtApi()).toBe(live + 2);
  });
});
