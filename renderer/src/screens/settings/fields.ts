import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import { MAX_TENDER_MINOR } from '../../../../shared/domain/amount-input';
import { amountText, readAmount } from '../../format/amount';

export type FieldKind = 'text' | 'integer' | 'money' | 'select' | 'switch' | 'readonly';

export interface FieldDef {
  path: string;
  label: string;
  kind: FieldKind;
  options?: readonly { value: string; label: string }[];
  help?: string;
}

export interface FieldGroup {
  title: string;
  fields: FieldDef[];
}

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD', 'JPY'].map((c) => ({
  value: c,
  label: c,
}));

export const SETTINGS_GROUPS: FieldGroup[] = [
  {
    title: 'Store',
    fields: [
      { path: 'store.name', label: 'Store name', kind: 'text' },
      { path: 'store.address', label: 'Address', kind: 'text' },
      { path: 'store.currency', label: 'Currency', kind: 'select', options: CURRENCIES },
      {
        path: 'store.taxMode',
        label: 'Prices',
        kind: 'select',
        options: [
          { value: 'inclusive', label: 'Include tax' },
          { value: 'exclusive', label: 'Exclude tax' },
        ],
      },
      {
        path: 'store.mergeSameItem',
        label: 'Same item again',
        kind: 'switch',
        options: [
          { value: 'true', label: 'Adds to its line' },
          { value: 'false', label: 'Gets a line of its own' },
        ],
      },
    ],
  },
  {
    title: 'Terminal',
    fields: [
      { path: 'terminal.id', label: 'Terminal ID', kind: 'readonly', help: 'Set when the terminal is enrolled.' },
      { path: 'terminal.name', label: 'Terminal name', kind: 'text' },
    ],
  },
  {
    title: 'Policies',
    fields: [
      {
        path: 'policies.pinLength',
        label: 'PIN length',
        kind: 'select',
        options: [4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: `${n} digits` })),
      },
      { path: 'policies.autoLockMinutes', label: 'Lock after idle (minutes)', kind: 'integer' },
      { path: 'policies.discountApprovalPercent', label: 'Manager approval above discount (%)', kind: 'integer' },
      { path: 'policies.clearApprovalLines', label: 'Manager approval to clear a sale of more lines than', kind: 'integer' },
      { path: 'policies.offlinePayments.maxPerTransactionMinor', label: 'Offline card limit per sale', kind: 'money' },
      { path: 'policies.offlinePayments.maxTotalMinor', label: 'Offline card total limit', kind: 'money' },
      { path: 'policies.offlinePayments.maxCount', label: 'Offline card payments at most', kind: 'integer' },
      { path: 'policies.offlinePayments.maxAgeHours', label: 'Upload offline payments within (hours)', kind: 'integer' },
      { path: 'policies.apiBaseUrl', label: 'NoPOS API address', kind: 'readonly', help: 'Set by your IT department.' },
    ],
  },
  {
    title: 'Privacy and PCI',
    fields: [
      {
        path: 'policies.privacy.erasureHoldDays',
        label: 'Erase customers this many days after their last sale',
        kind: 'integer',
        help: 'Refunds and chargebacks come first; 0 erases at once.',
      },
      {
        path: 'policies.privacy.saleDetailsDays',
        label: 'Keep synced sale details (days)',
        kind: 'integer',
        help: 'At least 90. Totals and shift reports are kept.',
      },
      {
        path: 'policies.privacy.securityLogMonths',
        label: 'Keep security logs (months)',
        kind: 'integer',
        help: 'At least 12 (PCI DSS 10.5.1).',
      },
      {
        path: 'policies.pciSignIn',
        label: 'PCI sign-in mode',
        kind: 'readonly',
        help: 'Set by your IT department: 30-minute lockouts, 15-minute re-authentication, admin passphrases.',
      },
    ],
  },
];

export function valueAt(settings: Settings, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], settings);
}

/** What an input shows for a stored value. */
export function toText(field: FieldDef, value: unknown, currency: string): string {
  if (field.kind === 'money') return amountText(value as number, currency);
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  return String(value);
}

/** Why a money field's text is refused, in words (undefined when it is accepted). */
export function moneyError(text: string, currency: string): string | undefined {
  return readAmount(text, currency, { maxMinor: MAX_TENDER_MINOR, allowZero: true }).error;
}

/** A person's text back to the stored type; null when it is not a valid entry of that kind. */
export function fromText(field: FieldDef, text: string, currency: string): unknown {
  if (field.kind === 'money') return readAmount(text, currency, { maxMinor: MAX_TENDER_MINOR, allowZero: true }).minor;
  if (field.kind === 'switch') return text === 'true';
  if (field.kind === 'integer' || field.path === 'policies.pinLength') return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
  return text;
}

export function buildPatch(entries: [string, unknown][]): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of entries) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let node = patch;
    for (const key of keys) node = (node[key] ??= {}) as Record<string, unknown>;
    node[last] = value;
  }
  return patch as SettingsPatch;
}
