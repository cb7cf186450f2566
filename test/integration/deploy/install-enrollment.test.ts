import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, parseDeployCommand, writeEnrollmentCode } from '../../../electron/main/enrollment/install-code';
import { readMachinePolicy } from '../../../electron/main/settings/policy-file';
import { startSync } from '../../../electron/main/core/terminal-sync';
import { coreWithSync } from '../../support/core-sync';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { openTestStorage, realKeychain, tempDir } from '../../support/storage';

// Install-time enrollment end to end: the installer's `--set-enrollment-code` writes the policy file,
// the terminal's next start (startSync, as both hosts call it) trades the code with the sandbox over
// HTTPS, and later starts never send it again. `--enrollment-code` on the command line takes the same path.
let sb: TestSandbox;
const scratch = tempDir('install-enrollment');
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 }, enrollmentRateLimit: { max: 1_000 } });
});
afterAll(async () => {
  await sb.cleanup();
  scratch.cleanup();
});

const newCode = async () => (await sb.admin('POST', '/admin/enrollment-codes', {})).json.code as string;
const terminalsEnrolled = () => (sb.sandbox.services.db.prepare('SELECT count(*) AS n FROM terminals').get() as { n: number }).n;

async function startTerminal(name: string, options: { policyFile?: string; argv?: string[] }) {
  const keychain = realKeychain(`install-enroll-${name}`);
  const dir = path.join(scratch.dir, name);
  const storage = await openTestStorage(keychain, dir);
  const caFile = path.join(scratch.dir, 'ca.pem');
  writeFileSync(caFile, sb.sandbox.caPem);
  const boot = () =>
    startSync(
      coreWithSync(storage, {
        keychain,
        exportDir: path.join(dir, 'exports'),
        baseUrl: sb.sandbox.url,
        caPem: readFileSync(caFile, 'utf8'),
      }).sync,
      {
        argv: options.argv ?? ['nopos'],
        policyCode: options.policyFile ? readMachinePolicy(options.policyFile).enrollmentCode : undefined,
        log: (entry) => storage.appLog.write(entry),
      },
    );
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 300 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const stop = async () => {
    await keychain.delete('api-key');
    await keychain.delete('event-signing-secret');
    storage.close();
  };
  return { storage, boot, until, stop };
}

describe('install-time enrollment', () => {
  it('the installer’s code reaches the policy file, enrolls at the next start, and is used once', async () => {
    const policyFile = path.join(scratch.dir, 'etc', 'policy.json');
    const code = await newCode();
    // What build/installer.nsh runs: the installed binary with --set-enrollment-code=CODE.
    const command = parseDeployCommand(['nopos', `--set-enrollment-code=${code.toLowerCase()}`])!;
    expect(writeEnrollmentCode(policyFile, command.code).exitCode).toBe(EXIT_OK);
    const t = await startTerminal('policy', { policyFile });
    try {
      const before = terminalsEnrolled();
      const first = t.boot();
      await t.until(() => first.enrollment.isEnrolled());
      expect(first.enrollment.isEnrolled()).toBe(true);
      expect(terminalsEnrolled()).toBe(before + 1);
      const id = first.enrollment.current()!.terminalId;
      first.close();
      await first.engine.idle();

      // Next start, same policy file: the code is not sent again (no new terminal, same id).
      const second = t.boot();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await second.engine.idle();
      expect(terminalsEnrolled()).toBe(before + 1);
      expect(second.enrollment.current()!.terminalId).toBe(id);
      second.close();
      const audit = t.storage.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'credentials.changed'").get() as { n: number };
      expect(audit.n).toBe(1);
    } finally {
      await t.stop();
    }
  });

  it('--enrollment-code on the command line enrolls too, and wins over the policy’s code', async () => {
    const policyFile = path.join(scratch.dir, 'etc2', 'policy.json');
    const policyCode = await newCode();
    expect(writeEnrollmentCode(policyFile, policyCode).exitCode).toBe(EXIT_OK);
    const t = await startTerminal('argv', { policyFile, argv: ['nopos', '--enrollment-code', await newCode()] });
    try {
      const sync = t.boot();
      await t.until(() => sync.enrollment.isEnrolled());
      expect(sync.enrollment.isEnrolled()).toBe(true);
      expect(sync.enrollment.wasUsed(policyCode)).toBe(false);
      const source = t.storage.db.prepare('SELECT source FROM enrollment_codes_used').all() as { source: string }[];
      expect(source).toEqual([{ source: 'command_line' }]);
      sync.close();
      await sync.engine.idle();
    } finally {
      await t.stop();
    }
  });
});
