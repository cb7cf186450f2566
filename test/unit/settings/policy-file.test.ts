import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPolicyPath, loadPolicyFile, PolicyFileError } from '../../../electron/main/settings/policy-file';
import { tempDir } from '../../support/storage';

const scratch = tempDir('policy');
afterAll(() => scratch.cleanup());
let n = 0;
function policy(content: string): string {
  const file = path.join(scratch.dir, `policy-${n++}.json`);
  writeFileSync(file, content);
  return file;
}

describe('IT policy file', () => {
  it('lives at a documented per-OS path', () => {
    expect(defaultPolicyPath('linux')).toBe('/etc/nopos-terminal/policy.json');
    expect(defaultPolicyPath('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\NoPOS Terminal\\policy.json');
    expect(defaultPolicyPath('darwin')).toBe('/Library/Application Support/NoPOS Terminal/policy.json');
  });

  it('is optional', () => {
    expect(loadPolicyFile(path.join(scratch.dir, 'absent.json'))).toEqual({});
  });

  it('accepts a partial policy, with or without a byte-order mark', () => {
    const content = JSON.stringify({ store: { currency: 'GBP' }, policies: { pinLength: 4, offlinePayments: { maxCount: 10 } } });
    expect(loadPolicyFile(policy(content))).toEqual({
      store: { currency: 'GBP' },
      policies: { pinLength: 4, offlinePayments: { maxCount: 10 } },
    });
    expect(loadPolicyFile(policy(`\uFEFF${content}`))).toMatchObject({ store: { currency: 'GBP' } });
  });

  it.each([
    ['{"store": {"currency": "GBP",}}', /is not valid JSON/],
    ['[1, 2]', /must be a JSON object/],
    ['{"store": {"currency": "pounds"}}', /key "store.currency": .*ISO 4217/],
    ['{"policies": {"pinLength": 12}}', /key "policies.pinLength": .*<=8/],
    ['{"policies": {"autoLockMinutes": 2.5}}', /key "policies.autoLockMinutes"/],
    ['{"policies": {"apiBaseUrl": "http://api.nopos.dev"}}', /key "policies.apiBaseUrl"/],
    ['{"store": {"colour": "blue"}}', /key "store.colour" is not a policy setting/],
    ['{"policies": {"apiKey": "sk_live_1234567890"}}', /key "policies.apiKey" looks like a secret, and a policy can never carry one/],
    ['{"databaseKey": "00ff"}', /key "databaseKey" looks like a secret/],
  ])('refuses %s naming the file, the key and the problem', (content, problem) => {
    const file = policy(content);
    const error = (() => {
      try {
        loadPolicyFile(file);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(PolicyFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).not.toContain('sk_live_1234567890');
    expect((error as Error).message).not.toContain('00ff');
  });

  it('refuses an API URL carrying credentials without echoing them', () => {
    const file = policy('{"policies": {"apiBaseUrl": "https://admin:hunter22@api.nopos.dev"}}');
    expect(() => loadPolicyFile(file)).toThrow(/policies.apiBaseUrl/);
    expect(() => loadPolicyFile(file)).not.toThrow(/hunter22/);
  });
});
