import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { machinePolicySchema, splitMachinePolicy, type MachinePolicy } from '../../../shared/domain/machine-policy';
import type { SettingsPatch } from '../../../shared/domain/settings';
import { isSecretField } from '../logging/redact';
import { StartupError } from '../errors/startup-error';

/** Where IT deploys the machine-wide policy. Documented in docs/storage.md. */
export function defaultPolicyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'NoPOS Terminal', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/NoPOS Terminal/policy.json';
  return '/etc/nopos-terminal/policy.json';
}

export class PolicyFileError extends StartupError {
  constructor(file: string, problem: string) {
    super(
      'Invalid IT policy file',
      `The policy file ${file} is not valid: ${problem}. Fix or remove the file, then start the terminal again.`,
    );
  }
}

const MAX_POLICY_BYTES = 64 * 1024;

function describe(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => {
        const full = at ? `${at}.${key}` : key;
        return isSecretField(key)
          ? `key "${full}" looks like a secret, and a policy can never carry one (secrets are provisioned into the OS keychain)`
          : `key "${full}" is not a policy setting`;
      })
      .join('; ');
  }
  return `key "${at}": ${issue.message.replace(/^Invalid input: /, '')}`;
}

/** The settings part of the IT policy (see readMachinePolicy). */
export function loadPolicyFile(file: string): SettingsPatch {
  return readMachinePolicy(file).settings;
}

/**
 * Reads the IT policy: settings, kiosk, updates, enrollment code. A missing file means no policy;
 * anything else that is wrong stops the terminal with a message naming the file, the key and the
 * problem. Values are never echoed.
 */
export function readMachinePolicy(file: string): MachinePolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: {} };
    throw new PolicyFileError(file, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw new PolicyFileError(file, 'it is larger than 64 KiB');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new PolicyFileError(file, 'it is not valid JSON (check quotes, commas and brackets)');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new PolicyFileError(file, 'it must be a JSON object');
  const parsed = machinePolicySchema.safeParse(json);
  if (!parsed.success) throw new PolicyFileError(file, parsed.error.issues.slice(0, 3).map(describe).join('; '));
  return splitMachinePolicy(parsed.data);
}
