import { API_SCOPES, type ApiScope } from '../../shared/api/scopes';
import type { SandboxDb } from './database';
import { hashApiKey, newApiKey, newEnrollmentCode, newId, newSigningSecret } from './ids';

export const ENROLLMENT_CODE_TTL_MS = 24 * 3600_000;

export interface StoreRow {
  id: string;
  name: string;
  currency: string;
  created_at: string;
  address: string;
}
export interface TerminalRow {
  id: string;
  store_id: string;
  name: string;
  api_key_hint: string;
  scopes: string;
  signing_secret: string;
  enrolled_at: string;
  revoked_at: string | null;
}
export interface CodeRow {
  code: string;
  store_id: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  terminal_id: string | null;
}

export type EnrollOutcome =
  | { ok: true; terminal: TerminalRow; store: StoreRow; apiKey: string; scopes: ApiScope[] }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'other_terminal' };

/** Stores, their enrollment codes and the terminals enrolled with them. */
export class Tenants {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  createStore(name: string, currency: string, address = ''): StoreRow {
    const row: StoreRow = { id: newId('sto'), name, currency, created_at: this.now().toISOString(), address };
    this.db
      .prepare('INSERT INTO stores (id, name, currency, created_at, address) VALUES (@id, @name, @currency, @created_at, @address)')
      .run(row);
    return row;
  }

  updateStore(id: string, change: { name?: string; address?: string }): StoreRow | undefined {
    this.db
      .prepare('UPDATE stores SET name = coalesce(?, name), address = coalesce(?, address) WHERE id = ?')
      .run(change.name ?? null, change.address ?? null, id);
    return this.store(id);
  }

  stores(): StoreRow[] {
    return this.db.prepare('SELECT * FROM stores ORDER BY created_at, id').all() as StoreRow[];
  }

  store(id: string): StoreRow | undefined {
    return this.db.prepare('SELECT * FROM stores WHERE id = ?').get(id) as StoreRow | undefined;
  }

  createCode(storeId: string, scopes: readonly ApiScope[] = API_SCOPES, ttlMs = ENROLLMENT_CODE_TTL_MS, terminalName?: string): CodeRow {
    const now = this.now();
    const row: CodeRow = {
      code: newEnrollmentCode(),
      store_id: storeId,
      scopes: JSON.stringify(scopes),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
      used_at: null,
      terminal_id: null,
    };
    this.db
      .prepare('INSERT INTO enrollment_codes VALUES (@code, @store_id, @scopes, @created_at, @expires_at, @used_at, @terminal_id)')
      .run(row);
    if (terminalName) this.db.prepare('INSERT INTO enrollment_code_terminals VALUES (?, ?)').run(row.code, terminalName.trim());
    return row;
  }

  codes(): CodeRow[] {
    return this.db.prepare('SELECT * FROM enrollment_codes ORDER BY created_at DESC LIMIT 200').all() as CodeRow[];
  }

  /** Spends a code for a new terminal in one transaction: a code can never enroll two terminals. */
  enroll(code: string, terminalName: string | undefined): EnrollOutcome {
    return this.db.transaction((): EnrollOutcome => {
      const row = this.db.prepare('SELECT * FROM enrollment_codes WHERE code = ?').get(code) as CodeRow | undefined;
      const now = this.now();
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.used_at) return { ok: false, reason: 'used' };
      if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: 'expired' };
      const expected = this.db.prepare('SELECT terminal_name FROM enrollment_code_terminals WHERE code = ?').get(code) as
        { terminal_name: string } | undefined;
      if (expected && expected.terminal_name.toLowerCase() !== (terminalName ?? '').trim().toLowerCase())
        return { ok: false, reason: 'other_terminal' };
      const apiKey = newApiKey();
      const count = (this.db.prepare('SELECT count(*) AS n FROM terminals WHERE store_id = ?').get(row.store_id) as { n: number }).n;
      const terminal: TerminalRow = {
        id: newId('trm'),
        store_id: row.store_id,
        name: terminalName ?? `Till ${count + 1}`,
        api_key_hint: apiKey.slice(-4),
        scopes: row.scopes,
        signing_secret: newSigningSecret(),
        enrolled_at: now.toISOString(),
        revoked_at: null,
      };
      this.db
        .prepare(
          'INSERT INTO terminals VALUES (@id, @store_id, @name, @api_key_hash, @api_key_hint, @scopes, @signing_secret, @enrolled_at, @revoked_at)',
        )
        .run({ ...terminal, api_key_hash: hashApiKey(apiKey) });
      this.db.prepare('UPDATE enrollment_codes SET used_at = ?, terminal_id = ? WHERE code = ?').run(now.toISOString(), terminal.id, code);
      const store = this.store(row.store_id);
      if (!store) return { ok: false, reason: 'unknown' };
      return { ok: true, terminal, store, apiKey, scopes: JSON.parse(row.scopes) as ApiScope[] };
    })();
  }

  terminalByApiKey(apiKey: string): TerminalRow | undefined {
    return this.db.prepare('SELECT * FROM terminals WHERE api_key_hash = ?').get(hashApiKey(apiKey)) as TerminalRow | undefined;
  }

  terminal(id: string): TerminalRow | undefined {
    return this.db.prepare('SELECT * FROM terminals WHERE id = ?').get(id) as TerminalRow | undefined;
  }

  terminals(): TerminalRow[] {
    return this.db.prepare('SELECT * FROM terminals ORDER BY enrolled_at, id').all() as TerminalRow[];
  }

  /** True when the terminal was active and is now revoked. */
  revoke(id: string): boolean {
    return (
      this.db.prepare('UPDATE terminals SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(this.now().toISOString(), id)
        .changes === 1
    );
  }
}
