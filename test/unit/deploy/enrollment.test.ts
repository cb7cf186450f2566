import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  enrollFromPolicy,
  EXIT_BAD_CODE,
  EXIT_BAD_POLICY,
  EXIT_OK,
  parseDeployCommand,
  writeEnrollmentCode,
} from '../../../electron/main/enrollment/install-code';
import { readMachinePolicy } from '../../../electron/main/settings/policy-file';
import { tempDir } from '../../support/storage';

const scratch = tempDir('enroll');
afterAll(() => scratch.cleanup());

describe('install-time enrollment code', () => {
  it('is read from the installer’s command line in either form', () => {
    expect(parseDeployCommand(['app', '--set-enrollment-code=abcd-efgh-jkmn'])).toEqual({
      kind: 'set-enrollment-code',
      code: 'ABCD-EFGH-JKMN',
    });
    expect(parseDeployCommand(['app', '--set-enrollment-code', 'WXYZ-EFGH-JKMN'])).toEqual({
      kind: 'set-enrollment-code',
      code: 'WXYZ-EFGH-JKMN',
    });
    expect(parseDeployCommand(['app', '--other'])).toBeNull();
  });

  it('is written into the policy file, keeping IT’s other keys, and read back as the policy’s code', () => {
    const file = path.join(scratch.dir, 'nested', 'policy.json');
    expect(writeEnrollmentCode(file, 'ABCD-EFGH-JKMN').exitCode).toBe(EXIT_OK);
    expect(readMachinePolicy(file).enrollmentCode).toBe('ABCD-EFGH-JKMN');
    writeFileSync(file, JSON.stringify({ store: { currency: 'GBP' }, kiosk: { enabled: true } }));
    expect(writeEnrollmentCode(file, 'WXYZ2345HJKM').exitCode).toBe(EXIT_OK);
    expect(readMachinePolicy(file)).toEqual({
      settings: { store: { currency: 'GBP' } },
      kiosk: { enabled: true },
      enrollmentCode: 'WXYZ2345HJKM',
    });
    // The API's alphabet: no 0/O, 1/I/L, and 12 characters; anything else never reaches the policy file.
    for (const bad of ['ABCD-EFGH', 'ABCD-EFGH-JKLM', 'ABCD-EFGH-JK0N', 'ABCD-EFGH-JKMN-PQRS'])
      expect(writeEnrollmentCode(file, bad).exitCode).toBe(EXIT_BAD_CODE);
    expect(readMachinePolicy(file).enrollmentCode).toBe('WXYZ2345HJKM');
  });

  it('refuses a malformed code or a broken policy, changing nothing and never echoing the code', () => {
    const file = path.join(scratch.dir, 'policy-2.json');
    writeFileSync(file, '{"store": {"currency": "GBP"}}');
    const bad = writeEnrollmentCode(file, 'bad code!');
    expect(bad.exitCode).toBe(EXIT_BAD_CODE);
    expect(bad.message).not.toContain('bad code!');
    writeFileSync(file, '{"store": ');
    const broken = writeEnrollmentCode(file, 'ABCD-EFGH-JKMN');
    expect(broken.exitCode).toBe(EXIT_BAD_POLICY);
    expect(broken.message).not.toContain('ABCD-EFGH-JKMN');
    expect(readFileSync(file, 'utf8')).toBe('{"store": ');
  });

  it('hands the code to enrollment once, and never again once this terminal used it', async () => {
    const log = vi.fn();
    const enroll = vi.fn(async () => undefined);
    expect(await enrollFromPolicy(undefined, { log, enroll, isEnrolled: () => false })).toBe('no_code');
    expect(await enrollFromPolicy('ABCD-EFGH-JKMN', { log, enroll, isEnrolled: () => false })).toBe('enrolled');
    expect(enroll).toHaveBeenCalledWith('ABCD-EFGH-JKMN');
    expect(await enrollFromPolicy('ABCD-EFGH-JKMN', { log, enroll, isEnrolled: () => true })).toBe('already_enrolled');
    expect(enroll).toHaveBeenCalledTimes(1);
    expect(
      await enrollFromPolicy('ABCD-EFGH-JKMN', {
        log,
        enroll: async () => Promise.reject(new Error('ABCD-EFGH-JKMN refused')),
        isEnrolled: () => false,
      }),
    ).toBe('failed');
    expect(JSON.stringify(log.mock.calls)).not.toContain('ABCD-EFGH');
  });
});
