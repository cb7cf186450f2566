/**
 * The one redaction step every log line passes through. It is deliberately greedy: a false
 * positive costs a less useful log line, a false negative can put a card number or a key on disk.
 */

export const REDACTED = '[REDACTED]';
export const CARD = '[CARD]';

// Field names whose values are never logged, whatever they hold, matched by word so that
// `newPin`, `api_key` and `X-Api-Key` are caught while `shipping` or `staffId` are not.
const SECRET_WORDS = new Set([
  'pin', 'pins', 'password', 'passwd', 'passcode', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey',
  'key', 'keys', 'authorization', 'cookie', 'credential', 'credentials', 'signature', 'pepper', 'salt', 'hash',
  'cvv', 'cvv2', 'cvc', 'cvc2', 'csc', 'cid', 'pan', 'track1', 'track2',
]);
const SECRET_PHRASES = ['card number', 'card no', 'security code', 'account number'];

export function isSecretField(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const phrase = words.join(' ');
  return SECRET_PHRASES.some((p) => phrase.includes(p));
}

const STRING_PATTERNS: [RegExp, string][] = [
  // Bearer and basic credentials in headers or text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Stripe-style and NoPOS keys: sk_live_…, pk_test_…, rk_…, whsec_…
  [/\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}\b/g, REDACTED],
  [/\bwhsec_[A-Za-z0-9]{6,}\b/g, REDACTED],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g, REDACTED],
  // Secret-looking query parameters and key=value / key: value pairs in free text or JSON.
  [
    /((?:[?&;]|\b)(?:api[-_]?key|access[-_]?token|token|secret|password|passcode|pin|cvv2?|cvc2?|csc|security[-_]?code|signature|auth)\b\s*["']?\s*[=:]\s*["']?)([^\s"'&,;}]+)/gi,
    `$1${REDACTED}`,
  ],
  // URL credentials: https://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${REDACTED}@`],
];

// 13–19 digits, optionally grouped by single spaces or dashes.
const CARD_CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

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

export function redactString(text: string): string {
  let out = text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) ? CARD : match;
  });
  for (const [pattern, replacement] of STRING_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Deep-copies a value with secret fields replaced and every string scrubbed. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value);
    return /^\d{13,19}$/.test(digits) && passesLuhn(digits) ? CARD : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretField(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
