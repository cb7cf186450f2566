/**
 * The sandbox's state, one SQLite file in its data folder. `seq` columns come from one counter
 * (meta.change_seq) so a pull cursor is simply the last seq the terminal has seen.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('change_seq', '0');
CREATE TABLE IF NOT EXISTS stores (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL, created_at TEXT NOT NULL, address TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS terminals (
  id TEXT PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id), name TEXT NOT NULL,
  api_key_hash TEXT NOT NULL UNIQUE, api_key_hint TEXT NOT NULL, scopes TEXT NOT NULL,
  signing_secret TEXT NOT NULL, enrolled_at TEXT NOT NULL, revoked_at TEXT);
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code TEXT PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id), scopes TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT, terminal_id TEXT);
-- A code issued for one till: only an enrollment naming it may use it (a rogue one does not spend it).
CREATE TABLE IF NOT EXISTS enrollment_code_terminals (
  code TEXT PRIMARY KEY REFERENCES enrollment_codes(code), terminal_name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tax_categories (
  id TEXT PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id), name TEXT NOT NULL,
  rate_bp INTEGER NOT NULL, seq INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS products (
  id TEXT PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id), sku TEXT NOT NULL, barcode TEXT,
  name TEXT NOT NULL, price_minor INTEGER NOT NULL, currency TEXT NOT NULL, tax_category_id TEXT NOT NULL,
  active INTEGER NOT NULL, seq INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id), name TEXT NOT NULL, role TEXT NOT NULL,
  active INTEGER NOT NULL, seq INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
  id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL REFERENCES terminals(id), client_id TEXT NOT NULL,
  type TEXT NOT NULL, terminal_sequence INTEGER, occurred_at TEXT NOT NULL, currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL, body TEXT NOT NULL, fingerprint TEXT NOT NULL, received_at TEXT NOT NULL,
  UNIQUE (terminal_id, client_id));
CREATE TABLE IF NOT EXISTS payments (
  id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL REFERENCES terminals(id), client_id TEXT NOT NULL,
  transaction_client_id TEXT NOT NULL, amount_minor INTEGER NOT NULL, currency TEXT NOT NULL,
  brand TEXT NOT NULL, last4 TEXT NOT NULL, entry_mode TEXT NOT NULL, offline INTEGER NOT NULL,
  captured_at TEXT NOT NULL, status TEXT NOT NULL, decline_code TEXT, received_at TEXT NOT NULL,
  UNIQUE (terminal_id, client_id));
CREATE TABLE IF NOT EXISTS payment_blocks (
  terminal_id TEXT NOT NULL, client_id TEXT NOT NULL, blocked_at TEXT NOT NULL, PRIMARY KEY (terminal_id, client_id));
CREATE TABLE IF NOT EXISTS audit_entries (
  terminal_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, actor_id TEXT,
  data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (terminal_id, seq));
CREATE TABLE IF NOT EXISTS audit_heads (terminal_id TEXT PRIMARY KEY, head_hash TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS security_events (
  terminal_id TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, event TEXT NOT NULL, severity TEXT NOT NULL,
  details TEXT, PRIMARY KEY (terminal_id, id));
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, store_id TEXT NOT NULL,
  terminal_id TEXT, type TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customers (
  id TEXT PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id), customer_id TEXT NOT NULL, body TEXT,
  updated_at TEXT NOT NULL, erased_at TEXT, UNIQUE (store_id, customer_id));
CREATE TABLE IF NOT EXISTS receipt_emails (
  id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL REFERENCES terminals(id), customer_id TEXT NOT NULL,
  receipt_number TEXT NOT NULL, to_addr TEXT, subject TEXT NOT NULL, html TEXT, text TEXT, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
  terminal_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
  response TEXT NOT NULL, created_at_ms INTEGER NOT NULL, PRIMARY KEY (terminal_id, key));
`;
