import { z } from 'zod';

/**
 * What an API key may do, named like the terminal's own permissions (`verb:noun`). A terminal's
 * key holds the scopes its enrollment code granted; each route and transaction type needs one.
 */
export const API_SCOPES = [
  'read:catalog',
  'read:staff',
  'create:transactions',
  'refund:transactions',
  'void:transactions',
  'read:transactions',
  'create:payments',
  'read:payments',
  'write:audit',
  'read:events',
  'write:customers',
  'send:receipts',
] as const;
export const apiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof apiScopeSchema>;

/** API keys: `sk_test_` then 32 base64url characters (so they never look like a card number). */
export const apiKeySchema = z.string().regex(/^sk_test_[A-Za-z0-9_-]{32}$/);
