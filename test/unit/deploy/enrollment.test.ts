import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { enrollFromPolicy, EXIT_BAD_CODE, EXIT_BAD_POLICY, EXIT_OK, parseDeployCommand, writeEnrollmentCode } from '../../../electron/main/deploy/enrollment';
import { readMachinePolicy } from '../../../electron/main/settings/policy-file';
import { tempDir } from '../../support/storage';

const scratch = tempDir('enroll');
afterAll(() => scratch.cleanup());

describe('install-time enrollment code', () => {
  it('is read from the installer’s command line in either form', () => {
    expect(parseDeployCommand(['app', '--set-enrollment-code=abcd-efgh-jklm'])).toEqual({ kind: 'set-enrollment-code', code: 'ABCD-EFGH-JKLM' });
    expect(parseDeployCommand(['app', '--set-enrollment-code', 'ABCD-EFGH'])).toEqual({ kind: 'set-enrollment-code', code: 'ABCD-EFGH' });
    expect(parseDeployCommand(['app', '--other'])).toBeNull();
  });

  it('is written into the policy file, keeping IT’s other keys, and read back as the policy’s code', () => {
    const file = path.join(scratch.dir, 'nested', 'policy.json');
    expect(writeEnrollmentCode(file, 'ABCD-EFGH-JKLM').exitCode).toBe(EXIT_OK);
    expect(readMachinePolicy(file).enrollmentCode).toBe('ABCD-EFGH-JKLM');
    writeFileSync(file, JSON.stringify({ store: { currency: 'GBP' }, kiosk: { enabled: true } }));
    expect(writeEnrollmentCode(file, 'WXYZ-2345').exitCode).toBe(EXIT_OK);
    expect(readMachinePolicy(file)).toEqual({ settings: { store: { currency: 'GBP' } }, kiosk: { enabled: true }, enrollmentCode: 'WXYZ-2345' });
  });

  it('refuses a malformed code or a broken policy, changing nothing and never echoing the code', () => {
    const file = path.join(scratch.dir, 'policy-2.json');
    writeFileSync(file, '{"store": {"currency": "GBP"}}');
    const bad = writeEnrollmentCode(file, 'bad code!');
    expect(bad.exitCode).toBe(EXIT_BAD_CODE);
    expect(bad.message).not.toContain('bad code!');
    writeFileSync(file, '{"store": ');
    const broken = writeEnrollmentCode(file, 'ABCD-EFGH');
    expect(broken.exitCode).toBe(EXIT_BAD_POLICY);
    expect(broken.message).not.toContain('ABCD-EFGH');
    expect(readFileSync(file, 'utf8')).toBe('{"store": ');
  });

  it('waits for enrollment support (issue 10) and hands the code to it once it exists', async () => {
    const log = vi.fn();
    expect(await enrollFromPolicy(undefined, { log })).toBe('no_code');
    expect(await enrollFromPolicy('ABCD-EFGH', { log })).toBe('waiting_for_enrollment_support');
    const enroll = vi.fn(async () => undefined);
    expect(await enrollFromPolicy('ABCD-EFGH', { log, enroll })).toBe('enrolled');
    expect(enroll).toHaveBeenCalledWith('ABCD-EFGH');
    expect(await enrollFromPolicy('ABCD-EFGH', { log, enroll, isEnrolled: () => true })).toBe('already_enrolled');
    expect(await enrollFromPolicy('ABCD-EFGH', { log, enroll: async () => Promise.reject(new Error('ABCD-EFGH refused')) })).toBe('failed');
    expect(JSON.stringify(log.mock.calls)).not.toContain('ABCD-EFGH');
  });
});
