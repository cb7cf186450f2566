import { z } from 'zod';
import { clientIdSchema } from './sale';
import { safeTextSchema } from './customer-text';
import { CARD_NUMBER_MESSAGE, noCardNumber } from './free-text';

export const customerIdSchema = clientIdSchema;

/** Letters (any script), marks, spaces and the punctuation names carry; no digits, brackets or quotes-with-code. */
export const customerNameSchema = safeTextSchema(80)
  .pipe(z.string().min(1, 'a name'))
  .refine((name) => /^[\p{L}\p{M}][\p{L}\p{M} '’.,-]*$/u.test(name), 'letters, spaces, apostrophes, dots and dashes only');

export const customerEmailSchema = z
  .string()
  .trim()
  .max(254)
  .refine(noCardNumber, CARD_NUMBER_MESSAGE)
  .toLowerCase()
  .pipe(z.email('an e-mail address like name@example.com'));

/** E.164 at heart: an optional +, 6 to 15 digits, written with spaces, dashes or brackets; stored as + and digits. */
export const customerPhoneSchema = z
  .string()
  .trim()
  .max(24)
  .refine(noCardNumber, CARD_NUMBER_MESSAGE)
  .refine((text) => /^\+?[0-9][0-9 ()-]*$/.test(text), 'a phone number: digits, spaces, dashes, brackets and a leading +')
  .transform((text) => `${text.startsWith('+') ? '+' : ''}${text.replace(/\D/g, '')}`)
  .refine((phone) => /^\+?\d{6,15}$/.test(phone), 'a phone number of 6 to 15 digits');

export const CONSENT_PURPOSES = ['email_receipts', 'marketing'] as const;
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;

export interface ConsentText {
  version: string;
  text: string;
}

/**
 * Every consent text ever shown, per purpose, oldest first; the last is the one shown now. A new wording
 * is appended as a new version, never edited in place: a consent given to an older text stays valid for
 * what that text said, and an export must quote the wording the customer actually agreed to.
 */
export const CONSENT_TEXT_VERSIONS: Readonly<Record<ConsentPurpose, readonly [ConsentText, ...ConsentText[]]>> = {
  email_receipts: [
    {
      version: 'receipts-2026-12',
      text: 'Send my receipts to this e-mail address. The store keeps the address for this until I withdraw.',
    },
  ],
  marketing: [
    {
      version: 'marketing-2026-12',
      text: 'Send me offers and news from this store by e-mail. I can withdraw at any time at the till.',
    },
  ],
};

export type ConsentTextTable = Readonly<Record<ConsentPurpose, readonly ConsentText[]>>;

/** The texts staff show now: the latest version per purpose. Each consent records the version shown. */
export const CONSENT_TEXTS: Readonly<Record<ConsentPurpose, ConsentText>> = {
  email_receipts: latestOf(CONSENT_TEXT_VERSIONS.email_receipts),
  marketing: latestOf(CONSENT_TEXT_VERSIONS.marketing),
};

function latestOf(versions: readonly [ConsentText, ...ConsentText[]]): ConsentText {
  return versions[versions.length - 1] ?? versions[0];
}

/** The wording of one version of a purpose's consent text, or null when the terminal never knew it. */
export function consentWording(purpose: ConsentPurpose, version: string, table: ConsentTextTable = CONSENT_TEXT_VERSIONS): string | null {
  return table[purpose].find((t) => t.version === version)?.text ?? null;
}
export const consentVersionSchema = z.string().regex(/^[a-z]+-\d{4}-\d{2}$/);

export const consentRecordSchema = z
  .object({
    purpose: consentPurposeSchema,
    granted: z.boolean(),
    at: z.iso.datetime(),
    staffId: z.string().max(80),
    textVersion: consentVersionSchema,
  })
  .strict();
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

const consentStateSchema = z.object({ email_receipts: z.boolean(), marketing: z.boolean() }).strict();
export type ConsentState = z.infer<typeof consentStateSchema>;

/** What a cashier sees: enough to pick the right person, contact details masked. */
export const customerSummarySchema = z
  .object({
    id: customerIdSchema,
    name: z.string().max(80),
    maskedEmail: z.string().max(254).nullable(),
    maskedPhone: z.string().max(24).nullable(),
    consents: consentStateSchema,
  })
  .strict();
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/** What a manager sees: the whole record, with every consent given or withdrawn. */
export const customerRecordSchema = z
  .object({
    id: customerIdSchema,
    name: z.string().max(80),
    email: z.string().max(254).nullable(),
    phone: z.string().max(24).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    consents: consentStateSchema,
    consentHistory: z.array(consentRecordSchema),
    sales: z.number().int().nonnegative(),
    /** An erasure asked for and waiting out a legal hold (a recent sale): when it will run. */
    erasureDueAt: z.iso.datetime().nullable(),
  })
  .strict();
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

export const customerInputSchema = z
  .object({
    name: customerNameSchema,
    email: customerEmailSchema.nullable().default(null),
    phone: customerPhoneSchema.nullable().default(null),
  })
  .strict()
  .refine((c) => c.email !== null || c.phone !== null, { message: 'an e-mail address or a phone number', path: ['email'] });

export const consentGrantSchema = z.object({ purpose: consentPurposeSchema, textVersion: consentVersionSchema }).strict();

export const erasureOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('erased'), customerId: customerIdSchema, erasedAt: z.iso.datetime() }).strict(),
  /** Held for tax and chargeback law: the request is recorded and runs by itself at `dueAt`. */
  z.object({ status: z.literal('held'), customerId: customerIdSchema, dueAt: z.iso.datetime() }).strict(),
]);
export type ErasureOutcome = z.infer<typeof erasureOutcomeSchema>;

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  return `${local.slice(0, 1)}•••@${domain.slice(0, 1)}•••${dot > 0 ? domain.slice(dot) : ''}`;
}

export function maskPhone(phone: string): string {
  return `•••• ${phone.slice(-3)}`;
}
