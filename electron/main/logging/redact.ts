/**
 * The one redaction step every log line passes through. It is deliberately greedy: a false
 * positive costs a less useful log line, a false negative can put a card number or a key on disk.
 */

export const REDACTED = '[REDACTED]';
export const CARD = '[CARD]';

// Field names whose values are never logged, whatever they hold, matched by word so that
// `newPin`, `api_key`, `PINCode` and `X-Api-Key` are caught while `shipping` or `staffId` are not.
const SECRET_WORDS = new Set([
  'pin',
  'pins',
  'pincode',
  'password',
  'passwd',
  'passcode',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'key',
  'keys',
  'auth',
  'authorization',
  'bearer',
  'cookie',
  'credential',
  'credentials',
  'signature',
  'pepper',
  'salt',
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'csc',
  'cid',
  'pan',
  'cardnumber',
  'track1',
  'track2',
]);
const SECRET_PHRASES = ['card number', 'card no', 'security code', 'account number'];

function fieldWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isSecretField(name: string): boolean {
  const words = fieldWords(name);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const phrase = words.join(' ');
  return SECRET_PHRASES.some((p) => phrase.includes(p));
}

// Names of secret-bearing parameters in free text, including compounds such as client_secret,
// refresh_token, x-api-key or sessionToken.
const SECRET_NAME = String.raw`[\w-]*?(?:api[-_]?key|apikey|token|secret|password|passwd|passcode|pin|cvv2?|cvc2?|csc|security[-_]?code|signature|auth)`;

const STRING_PATTERNS: [RegExp, string][] = [
  // Authorization header schemes.
  [/\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Stripe-style and NoPOS keys: sk_live_…, pk_test_…, rk_…, whsec_…
  [/\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}\b/g, REDACTED],
  [/\bwhsec_[A-Za-z0-9]{6,}\b/g, REDACTED],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g, REDACTED],
  // Raw keys: 32+ hex digits (the database key is 64) or 40+ characters of base64.
  [/(?<![A-Za-z0-9])[0-9a-fA-F]{32,}(?![A-Za-z0-9])/g, REDACTED],
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/_-]{40,}={0,2}/g, REDACTED],
  // name="quoted value with spaces" and name: value, in query strings, headers, JSON and prose.
  [new RegExp(String.raw`(\b${SECRET_NAME}\b["']?\s*[=:]\s*)(["'])(?:(?!\2).)*\2`, 'gi'), `$1$2${REDACTED}$2`],
  [new RegExp(String.raw`(\b${SECRET_NAME}\b["']?\s*[=:]\s*)(?!["'\[])([^\s"'&,;}]+)`, 'gi'), `$1${REDACTED}`],
  // URL credentials: https://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${REDACTED}@`],
];

// 13–19 digits starting as card numbers do (2–6), optionally grouped by spaces, dashes, dots or underscores.
const CARD_CANDIDATE = /(?<![\d])[2-6](?:[ ._-]{0,2}\d){12,18}(?![\d])/g;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function looksLikeCard(digits: string): boolean {
  return /^[2-6]\d{12,18}$/.test(digits) && passesLuhn(digits);
}

// The terminal's own ids (sales, payments, shifts) are UUIDs; their digit runs, dashes included, can
// pass Luhn by chance, and an audit entry that lost its sale id would be worse than useless.
const UUID = /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}(?![0-9a-f-])/gi;

function redactCards(text: string): string {
  const ids = [...text.matchAll(UUID)].map((m) => [m.index, m.index + m[0].length] as const);
  return text.replace(CARD_CANDIDATE, (match: string, offset: number) =>
    ids.some(([start, end]) => offset >= start && offset < end) || !looksLikeCard(match.replace(/[ ._-]/g, '')) ? match : CARD,
  );
}

export function redactString(text: string): string {
  let out = redactCards(text);
  for (const [pattern, replacement] of STRING_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Deep-copies a value with secret fields replaced and every string scrubbed. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'number' || typeof value === 'bigint') return looksLikeCard(String(value)) ? CARD : value;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  // Raw bytes are never logged: they are keys, hashes or card data more often than not.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return REDACTED;
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretField(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
