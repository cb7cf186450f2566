import { z } from 'zod';
import { DEFAULT_DEVICE_SETTINGS, deviceSettingsSchema } from './devices';
import { currencySchema, minorUnitsSchema } from './money';
import { freeText } from './free-text';

/** Where the terminal's API lives. HTTPS only, and never with credentials in it. */
export const apiBaseUrlSchema = z
  .url({ protocol: /^https$/ })
  .max(200)
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'an https:// URL without credentials, query or fragment');

export const terminalIdSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'capital letters, digits and dashes, 3 to 32 characters');

const storeSchema = z
  .object({
    name: freeText({ min: 1, max: 80 }),
    address: freeText({ max: 300 }),
    currency: currencySchema,
    taxMode: z.enum(['inclusive', 'exclusive']),
    /** Cash totals round to this many minor units (5 rounds to 0.05); 0 or 1 means no rounding. Cash only. */
    cashRoundingMinor: z.number().int().min(0).max(100),
    /** The same product scanned or picked again adds to its line (weighed lines and discounted lines stay apart). */
    mergeSameItem: z.boolean(),
  })
  .strict();

const terminalSchema = z.object({ id: terminalIdSchema, name: freeText({ min: 1, max: 60 }) }).strict();

const offlinePaymentsSchema = z
  .object({
    maxPerTransactionMinor: minorUnitsSchema.nonnegative(),
    maxTotalMinor: minorUnitsSchema.nonnegative(),
    maxCount: z.number().int().min(0).max(10_000),
    maxAgeHours: z.number().int().min(1).max(72),
  })
  .strict();

/** How long personal and sale data stay on the terminal (docs/compliance/gdpr.md). */
const privacySchema = z
  .object({
    /** An erasure waits this long after the customer's last sale (refunds, chargebacks); 0: at once. */
    erasureHoldDays: z.number().int().min(0).max(730),
    /** Synced sale details (lines, card brand and last digits) older than this are pruned; totals stay. */
    saleDetailsDays: z.number().int().min(90).max(3650),
    /** Security logs are kept at least this long (PCI DSS 10.5.1: 12 months). */
    securityLogMonths: z.number().int().min(12).max(120),
  })
  .strict();

const policiesSchema = z
  .object({
    pinLength: z.number().int().min(4).max(8),
    autoLockMinutes: z.number().int().min(1).max(240),
    discountApprovalPercent: z.number().int().min(0).max(100),
    /** Clearing a sale with more lines than this needs `void:transactions` or a manager's approval. */
    clearApprovalLines: z.number().int().min(0).max(1_000),
    offlinePayments: offlinePaymentsSchema,
    apiBaseUrl: apiBaseUrlSchema,
    /** For a terminal in PCI DSS scope: 30-minute lockouts, 15-minute re-authentication, admin passphrases. */
    pciSignIn: z.boolean(),
    privacy: privacySchema,
  })
  .strict();

export const settingsSchema = z
  .object({ store: storeSchema, terminal: terminalSchema, policies: policiesSchema, devices: deviceSettingsSchema })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type SettingsPatch = DeepPartial<Settings>;

/** Every field optional at every level, unknown keys still refused: the shape of local changes and of IT policy. */
function deepPartial(schema: z.ZodObject): z.ZodObject {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, value]) => [
      key,
      (value instanceof z.ZodObject ? deepPartial(value) : (value as z.ZodType)).optional(),
    ]),
  );
  return z.object(shape).strict();
}
/** The same, as an object schema that the machine policy extends (shared/domain/machine-policy.ts). */
export const settingsPatchObjectSchema = deepPartial(settingsSchema);
export const settingsPatchSchema = settingsPatchObjectSchema as unknown as z.ZodType<SettingsPatch>;

/** Built-in defaults; a terminal id is generated on first run unless IT policy sets one. */
export const DEFAULT_SETTINGS: Omit<Settings, 'terminal'> & { terminal: Omit<Settings['terminal'], 'id'> } = {
  store: { name: 'My store', address: '', currency: 'EUR', taxMode: 'inclusive', cashRoundingMinor: 0, mergeSameItem: true },
  terminal: { name: 'Till 1' },
  policies: {
    pinLength: 6,
    autoLockMinutes: 5,
    discountApprovalPercent: 10,
    clearApprovalLines: 10,
    offlinePayments: { maxPerTransactionMinor: 10_000, maxTotalMinor: 100_000, maxCount: 50, maxAgeHours: 24 },
    apiBaseUrl: 'https://api.nopos.dev',
    pciSignIn: false,
    privacy: { erasureHoldDays: 120, saleDetailsDays: 730, securityLogMonths: 12 },
  },
  devices: DEFAULT_DEVICE_SETTINGS,
};

export const settingsViewSchema = z
  .object({
    values: settingsSchema,
    /** Dotted paths set by IT policy: shown locked, refused on update. */
    locked: z.array(z.string()),
  })
  .strict();
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** Leaf paths of a patch, e.g. `policies.offlinePayments.maxCount`. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}
