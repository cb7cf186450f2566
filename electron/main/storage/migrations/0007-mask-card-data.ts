import { maskCardNumbers, textHasCardNumber } from '../../../../shared/domain/card-data';
import { canonicalAuditRow, linkHash, type AuditRow } from '../../audit/audit-trail';
import type { Db } from '../db';
import type { Migration } from './types';

/**
 * Before free text refused card numbers (issue 16), staff could type one into a name, a reason or a
 * note: it was stored, printed, exported, and the API then refused the sale, void or refund that held
 * it (`card_data_refused`), so it sat in needs-attention for ever. This step masks every card number
 * in every table (JSON kept valid, everything else byte for byte), puts the items the API refused
 * for card data back in the queue (the masked copy is deliverable), and re-links the audit chain
 * from the first masked entry so it still verifies. Payment tokens of payments the API already
 * confirmed are removed too (issue 16, item 6).
 */
export const REQUEUED_NOTE = 'card_data_refused: the card number was masked on this terminal; sent again.';
const REFUSED_FOR_CARD_DATA = 'card_data_refused';
const AUDIT = 'audit_log';

/** Masks strings inside JSON text without re-encoding anything else; plain text is masked as text. */
export function maskValue(text: string): string {
  if (!textHasCardNumber(text)) return text;
  if (/^\s*[[{]/.test(text)) {
    try {
      const json: unknown = JSON.parse(text);
      // Stored JSON was written by JSON.stringify, so only the masked strings change.
      const masked = JSON.stringify(maskJson(json));
      if (!textHasCardNumber(masked)) return masked;
    } catch {
      // Not JSON after all: masked as text below.
    }
  }
  return maskCardNumbers(text);
}

function maskJson(value: unknown): unknown {
  if (typeof value === 'string') return maskCardNumbers(value);
  if (typeof value === 'number') return textHasCardNumber(String(value)) ? maskCardNumbers(String(value)) : value;
  if (Array.isArray(value)) return value.map(maskJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskCardNumbers(k), maskJson(v)]));
  return value;
}

/** What an outbox row becomes: masked, and back in the queue if the API refused it for card data. */
export function rewriteOutboxRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) out[column] = typeof value === 'string' ? maskValue(value) : value;
  if (row.status === 'rejected' && typeof row.last_error === 'string' && row.last_error.startsWith(REFUSED_FOR_CARD_DATA)) {
    out.status = 'queued';
    out.last_error = REQUEUED_NOTE;
  }
  return out;
}

interface TableInfo {
  name: string;
  type: string;
  wr: number;
}

/** Ordinary tables with a rowid; virtual tables (full-text search) follow their source through triggers. */
function maskableTables(db: Db): string[] {
  const tables = db.prepare('PRAGMA table_list').all() as TableInfo[];
  const virtual = tables.filter((t) => t.type === 'virtual').map((t) => t.name);
  return tables
    .filter((t) => t.type === 'table' && !t.wr && !t.name.startsWith('sqlite_') && !virtual.some((v) => t.name.startsWith(`${v}_`)))
    .map((t) => t.name)
    .filter((name) => name !== AUDIT && name !== 'audit_head');
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function maskTable(db: Db, table: string, rewrite: (row: Record<string, unknown>) => Record<string, unknown>): void {
  // Read through once, keeping only the rows that change (a store's database can be large).
  const changes: { rowid: unknown; columns: string[]; values: unknown[] }[] = [];
  for (const { __rowid, ...row } of db.prepare(`SELECT rowid AS "__rowid", * FROM ${quote(table)}`).iterate() as Iterable<
    Record<string, unknown>
  >) {
    const next = rewrite(row);
    const columns = Object.keys(row).filter((column) => next[column] !== row[column]);
    if (columns.length > 0) changes.push({ rowid: __rowid, columns, values: columns.map((c) => next[c]) });
  }
  for (const { rowid, columns, values } of changes) {
    db.prepare(`UPDATE ${quote(table)} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE rowid = ?`).run(...values, rowid);
  }
}

function maskRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeof value === 'string' ? maskValue(value) : value]));
}

/** Entries refused by the API for card data are now deliverable: their needs-attention entries go. */
function requeueRefused(db: Db, before: Record<string, unknown>[]): void {
  const requeued = before.filter((row) => rewriteOutboxRow(row).status !== row.status).map((row) => row.client_id as string);
  const drop = db.prepare("DELETE FROM needs_attention WHERE client_id = ? AND kind = 'rejected'");
  for (const clientId of requeued) drop.run(clientId);
}

/**
 * Masks audit entries and re-links the chain from the first one changed (the same canonical form as
 * audit/audit-trail.ts). Entries before it, uploaded or not, keep their hashes. The append-only
 * triggers are lifted for this step only and put back exactly as they were.
 */
function maskAuditTrail(db: Db): void {
  const rows = db.prepare(`SELECT * FROM ${AUDIT} ORDER BY seq`).all() as Record<string, unknown>[];
  const first = rows.findIndex((row) => maskRow(row).details_json !== row.details_json || maskRow(row).target !== row.target);
  if (first < 0) return;
  const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_head')").all() as {
    sql: string;
  }[];
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_head')").all() as {
    name: string;
  }[];
  for (const { name } of names) db.exec(`DROP TRIGGER ${quote(name)}`);
  const update = db.prepare(`UPDATE ${AUDIT} SET target = ?, details_json = ?, prev_hash = ?, hash = ? WHERE seq = ?`);
  let prevHash = rows[first]?.prev_hash as string;
  for (const row of rows.slice(first)) {
    const masked = maskRow(row) as unknown as AuditRow;
    const hash = linkHash(prevHash, canonicalAuditRow(masked));
    update.run(masked.target, masked.details_json, prevHash, hash, row.seq);
    prevHash = hash;
  }
  const last = rows[rows.length - 1];
  db.prepare('UPDATE audit_head SET hash = ? WHERE id = 1 AND seq = ?').run(prevHash, last?.seq);
  for (const { sql } of triggers) db.exec(sql);
}

export const migration0007: Migration = {
  version: 7,
  name: 'mask-card-data',
  queuedRewrite: () => rewriteOutboxRow,
  up(db) {
    const outboxBefore = db.prepare("SELECT * FROM outbox WHERE status = 'rejected'").all() as Record<string, unknown>[];
    for (const table of maskableTables(db)) maskTable(db, table, table === 'outbox' ? rewriteOutboxRow : maskRow);
    requeueRefused(db, outboxBefore);
    maskAuditTrail(db);
    // Sent payments kept their tokens for 30 days: they go now, as they go at confirmation from here on.
    db.prepare(
      "UPDATE outbox SET payload_json = json_remove(payload_json, '$.paymentToken') WHERE status = 'sent' AND json_type(payload_json, '$.paymentToken') = 'text'",
    ).run();
  },
};
