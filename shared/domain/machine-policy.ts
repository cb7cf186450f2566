import { z } from 'zod';
import { ENROLLMENT_CODE_ALPHABET } from '../api/enrollment';
import { apiBaseUrlSchema, settingsPatchObjectSchema, type SettingsPatch } from './settings';

/**
 * The machine-wide IT policy file: any setting (locked on the terminal), plus what only IT decides
 * for a checkout PC: kiosk mode, the update feed, and a one-time enrollment code. The JSON Schema
 * IT validates against (docs/policy/policy.schema.json) is generated from this schema.
 */

/**
 * One-time code that exchanges for API credentials (docs/sync.md). Not a lasting secret: it works once.
 * The API's own alphabet and length, in a form a JSON Schema can state: 12 characters, dashes optional.
 */
const codeChar = `[${ENROLLMENT_CODE_ALPHABET}${ENROLLMENT_CODE_ALPHABET.toLowerCase()}]`;
export const enrollmentCodeSchema = z
  .string()
  .regex(new RegExp(`^${codeChar}{4}-?${codeChar}{4}-?${codeChar}{4}$`), 'a 12-character enrollment code, e.g. ABCD-EFGH-JKMN');

export const versionSchema = z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,6}$/, 'a version such as 1.4.2');

export const kioskPolicySchema = z
  .object({
    enabled: z.boolean().meta({ description: 'Full screen, no window chrome, no way out without an admin PIN. Default false.' }),
    startAtLogin: z
      .boolean()
      .optional()
      .meta({ description: 'Start the terminal when the OS user logs in. Default: the same as enabled.' }),
  })
  .strict();

export const updatesPolicySchema = z
  .object({
    feedUrl: apiBaseUrlSchema.meta({
      description: 'IT-hosted electron-updater generic feed (https only). Without it the terminal never updates itself.',
    }),
    pinnedVersion: versionSchema.optional().meta({
      description: 'Install exactly this version when the feed offers it, and nothing else. Without it, the newest version is taken.',
    }),
    checkIntervalMinutes: z.number().int().min(15).max(1440).optional().meta({ description: 'How often to ask the feed. Default 240.' }),
  })
  .strict();

export const machinePolicySchema = settingsPatchObjectSchema
  .extend({
    /** Lets an editor find the schema; ignored by the terminal. */
    $schema: z.string().max(300).optional(),
    kiosk: kioskPolicySchema.optional(),
    updates: updatesPolicySchema.optional(),
    enrollmentCode: enrollmentCodeSchema
      .optional()
      .meta({ description: 'One-time enrollment code, usually put here by the installer (/ENROLLMENTCODE= or --set-enrollment-code).' }),
  })
  .strict()
  .meta({
    title: 'NoPOS Terminal machine policy',
    description: 'Machine-wide IT policy. Every key is optional; a key set here is locked on the terminal.',
  });

export type KioskPolicy = z.infer<typeof kioskPolicySchema>;
export type UpdatesPolicy = z.infer<typeof updatesPolicySchema>;

export interface DeploymentPolicy {
  kiosk?: KioskPolicy;
  updates?: UpdatesPolicy;
  enrollmentCode?: string;
}

export interface MachinePolicy extends DeploymentPolicy {
  settings: SettingsPatch;
}

/** Splits a parsed policy file into the settings it locks and what steers deployment. */
export function splitMachinePolicy(parsed: z.output<typeof machinePolicySchema>): MachinePolicy {
  // The settings part's shape is built at run time, so its static type is named here.
  const file = parsed as unknown as SettingsPatch & DeploymentPolicy & { $schema?: string };
  const { $schema: _schema, kiosk, updates, enrollmentCode, ...settings } = file;
  return {
    settings,
    ...(kiosk ? { kiosk } : {}),
    ...(updates ? { updates } : {}),
    ...(enrollmentCode ? { enrollmentCode } : {}),
  };
}

export const DEFAULT_UPDATE_CHECK_MINUTES = 240;

/** The JSON Schema shipped for IT (docs/policy/policy.schema.json); a test keeps the file current. */
export function machinePolicyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(machinePolicySchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
