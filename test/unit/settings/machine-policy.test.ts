import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { machinePolicySchema } from '../../../shared/domain/machine-policy';
import { PolicyFileError, readMachinePolicy } from '../../../electron/main/settings/policy-file';
import { tempDir } from '../../support/storage';
import { POLICY_SCHEMA_FILE, policySchemaText } from '../../tools/write-policy-schema';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const example = JSON.parse(read('docs/policy/policy.example.json')) as Record<string, unknown>;
const jsonSchema = JSON.parse(read(POLICY_SCHEMA_FILE)) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('uri', (value: string) => URL.canParse(value));
const validateJson = ajv.compile(jsonSchema);

const scratch = tempDir('machine-policy');
afterAll(() => scratch.cleanup());
let n = 0;
function policyFile(content: unknown): string {
  const file = path.join(scratch.dir, `policy-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
function refusal(content: unknown): string {
  try {
    readMachinePolicy(policyFile(content));
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('machine policy: schema for IT', () => {
  it('the committed JSON Schema is the one generated from the zod schema (run `npm run policy:schema`)', () => {
    expect(read(POLICY_SCHEMA_FILE)).toBe(policySchemaText());
  });

  it('the shipped example validates against the JSON Schema and the terminal’s own check', () => {
    expect(validateJson(example), ajv.errorsText(validateJson.errors)).toBe(true);
    expect(machinePolicySchema.safeParse(example).success).toBe(true);
    expect(readMachinePolicy(policyFile(example))).toEqual({
      settings: {
        store: { name: 'Corner Shop Leeds', currency: 'GBP', taxMode: 'inclusive' },
        terminal: { id: 'LEEDS-TILL-01', name: 'Till 1' },
        policies: expect.objectContaining({ pinLength: 6, apiBaseUrl: 'https://api.nopos.dev' }),
        devices: {
          printer: {
            connection: 'tcp',
            host: '192.168.1.50',
            port: 9100,
            paper: '80mm_48',
            family: 'epson',
            codePage: 'auto',
            receipts: 'auto',
          },
          drawer: { connection: 'printer', pin: 2, onMs: 100, offMs: 500 },
        },
      },
      kiosk: { enabled: true, startAtLogin: true },
      updates: { feedUrl: 'https://updates.example.com/nopos-terminal', pinnedVersion: '0.1.0', checkIntervalMinutes: 240 },
      enrollmentCode: 'ABCD-EFGH-JKMN',
    });
  });

  it.each([
    ['an unknown key', { kiosk: { enabled: true, exitPin: '1234' } }],
    ['a mistyped value', { kiosk: { enabled: 'yes' } }],
    ['a bad version pin', { updates: { feedUrl: 'https://u.example.com', pinnedVersion: 'latest' } }],
    ['a malformed enrollment code', { enrollmentCode: 'abc' }],
  ])('both checks refuse %s', (_what, content) => {
    expect(validateJson(content)).toBe(false);
    expect(machinePolicySchema.safeParse(content).success).toBe(false);
  });
});

describe('machine policy file', () => {
  it('keeps settings apart from kiosk, updates and enrollment; no file means none of them', () => {
    expect(readMachinePolicy(path.join(scratch.dir, 'absent.json'))).toEqual({ settings: {} });
    expect(readMachinePolicy(policyFile({ store: { currency: 'EUR' }, kiosk: { enabled: false } }))).toEqual({
      settings: { store: { currency: 'EUR' } },
      kiosk: { enabled: false },
    });
  });

  it('refuses an update feed over http, or carrying credentials, without echoing it', () => {
    expect(refusal({ updates: { feedUrl: 'http://updates.example.com/feed' } })).toMatch(/key "updates.feedUrl"/);
    const message = refusal({ updates: { feedUrl: 'https://it:s3cretpass@updates.example.com/feed' } });
    expect(message).toMatch(/updates.feedUrl/);
    expect(message).not.toContain('s3cretpass');
  });

  it('refuses a malformed enrollment code naming the key, never the code', () => {
    const message = refusal({ enrollmentCode: 'abcd-efgh-zz' });
    expect(message).toMatch(/key "enrollmentCode"/);
    expect(message).not.toContain('abcd-efgh-zz');
  });

  it('refuses a kiosk section without `enabled`, and an interval out of range', () => {
    expect(refusal({ kiosk: { startAtLogin: true } })).toMatch(/kiosk.enabled/);
    expect(refusal({ updates: { feedUrl: 'https://u.example.com', checkIntervalMinutes: 1 } })).toMatch(/updates.checkIntervalMinutes/);
  });
});
