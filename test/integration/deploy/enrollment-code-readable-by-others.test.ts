import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, writeEnrollmentCode } from '../../../electron/main/enrollment/install-code';
import { readMachinePolicy } from '../../../electron/main/settings/policy-file';
import { startSync } from '../../../electron/main/core/terminal-sync';
import { coreWithSync } from '../../support/core-sync';
import { startTestSandbox, uuidV7, type TestSandbox } from '../../support/sandbox-client';
import { memoryKeychain, openTestStorage, tempDir } from '../../support/storage';

let sb: TestSandbox;
const scratch = tempDir('policy-code');
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 }, enrollmentRateLimit: { max: 1_000 } });
  writeFileSync(path.join(scratch.dir, 'ca.pem'), sb.sandbox.caPem);
});
afterAll(async () => {
  await sb.cleanup();
  scratch.cleanup();
});

const newCode = async () => (await sb.admin('POST', '/admin/enrollment-codes', {})).json.code as string;
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
const codeSpent = (code: string) =>
  sb.sandbox.services.db.prepare('SELECT used_at FROM enrollment_codes WHERE code = ?').get(code.replace(/-/g, '')) as
    { used_at: string | null } | undefined;

async function boot(name: string, policyFile: string) {
  const dir = path.join(scratch.dir, name);
  const storage = await openTestStorage(memoryKeychain(), dir);
  const logged: Record<string, unknown>[] = [];
  const write = storage.appLog.write.bind(storage.appLog);
  storage.appLog.write = (entry) => {
    logged.push(entry);
    write(entry);
  };
  const { sync } = coreWithSync(storage, {
    keychain: memoryKeychain(),
    exportDir: path.join(dir, 'exports'),
    baseUrl: sb.sandbox.url,
    caPem: readFileSync(path.join(scratch.dir, 'ca.pem'), 'utf8'),
  });
  startSync(sync, {
    argv: ['nopos'],
    policyCode: readMachinePolicy(policyFile).enrollmentCode,
    policyFile,
    log: (entry) => storage.appLog.write(entry),
  });
  const settled = async () => {
    for (let i = 0; i < 300 && !logged.some((e) => e.event === 'enrollment.policy_code'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
  };
  return { sync, logged, settled, close: () => (sync.close(), storage.close()) };
}

describe('the enrollment code stays in a policy file other local accounts can read', () => {
  it('the sandbox takes a code issued for one till only from an enrollment naming it; a rogue one does not spend it', async () => {
    const code = (await sb.admin('POST', '/admin/enrollment-codes', { terminalName: 'Till 7' })).json.code as string;
    const rogue = await sb.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code, terminalName: 'Back office PC' } });
    expect([rogue.status, rogue.json.error.code]).toEqual([400, 'enrollment_code_invalid']);
    expect((await sb.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code } })).status).toBe(400);
    expect(codeSpent(code)?.used_at).toBeNull();
    expect((await sb.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code, terminalName: 'till 7' } })).status).toBe(
      201,
    );
  });

  it('the installer writes the code into a file only its owner and group can read', async () => {
    const policyFile = path.join(scratch.dir, 'etc-new', 'policy.json');
    expect(writeEnrollmentCode(policyFile, await newCode()).exitCode).toBe(EXIT_OK);
    expect(mode(policyFile)).toBe('640');
    const existing = path.join(scratch.dir, 'etc-old', 'policy.json');
    writeEnrollmentCode(existing, await newCode());
    chmodSync(existing, 0o644);
    expect(writeEnrollmentCode(existing, await newCode()).exitCode).toBe(EXIT_OK);
    expect(mode(existing)).toBe('640');
  });

  it('a code in a file others can read is never sent; a private one enrolls and is then removed from the file', async () => {
    const exposed = path.join(scratch.dir, 'exposed', 'policy.json');
    const exposedCode = await newCode();
    writeEnrollmentCode(exposed, exposedCode);
    chmodSync(exposed, 0o644);
    const first = await boot('exposed', exposed);
    try {
      await first.settled();
      expect(first.logged).toContainEqual(
        expect.objectContaining({ event: 'enrollment.policy_code', outcome: 'refused_readable_by_others' }),
      );
      expect(first.sync.enrollment.isEnrolled()).toBe(false);
      expect(codeSpent(exposedCode)?.used_at).toBeNull();
      expect(JSON.stringify(first.logged)).not.toContain(exposedCode);
    } finally {
      first.close();
    }

    const privateFile = path.join(scratch.dir, 'private', 'policy.json');
    mkdirSync(path.dirname(privateFile), { recursive: true });
    const code = await newCode();
    writeFileSync(privateFile, JSON.stringify({ terminal: { name: 'Till 7' } }), { mode: 0o640 });
    writeEnrollmentCode(privateFile, code);
    const second = await boot('private', privateFile);
    try {
      await second.settled();
      expect(second.sync.enrollment.isEnrolled()).toBe(true);
      expect(second.logged).toContainEqual(expect.objectContaining({ event: 'enrollment.policy_code', outcome: 'removed' }));
      expect(JSON.parse(readFileSync(privateFile, 'utf8'))).toEqual({ terminal: { name: 'Till 7' } });
      expect(mode(privateFile)).toBe('640');
    } finally {
      second.close();
    }
  });
});
