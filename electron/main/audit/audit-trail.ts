import { createHash } from 'node:crypto';
import { auditEntrySchema, type AuditEntry, type AuditVerification } from '../../../shared/domain/audit';
import { redact, redactString } from '../logging/redact';
import type { Db } from '../storage/db';

const GENESIS = '0'.repeat(64);

/** One row of the chain as stored; `canonicalAuditRow` fixes how it hashes. */
export interface AuditRow {
  seq: number;
  at: string;
  terminal_id: string;
  actor_id: string | null;
  approver_id: string | null;
  action: string;
  target: string | null;
  amount_minor: number | null;
  currency: string | null;
  details_json: string | null;
  prev_hash: string;
  hash: string;
}

/** A fixed field order, so the same row always hashes the same (also used to re-link masked rows). */
export function canonicalAuditRow(row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.terminal_id,
    row.actor_id,
    row.approver_id,
    row.action,
    row.target,
    row.amount_minor,
    row.currency,
    row.details_json,
  ]);
}

export function linkHash(prevHash: string, content: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface AuditTrailDeps {
  db: Db;
  now: () => Date;
  terminalId: () => string;
}

/**
 * The tamper-evident record of who did what. Rows are append-only (triggers refuse UPDATE and
 * DELETE) and hash-chained; `verify` finds the first row that was edited, removed, inserted or
 * moved. Callers record inside their own transaction when the audited change is a database write.
 */
export class AuditTrail {
  private readonly insert;
  private readonly head;
  private readonly setHead;

  constructor(private readonly deps: AuditTrailDeps) {
    this.insert = deps.db.prepare(
      `INSERT INTO audit_log (seq, at, terminal_id, actor_id, approver_id, action, target, amount_minor, currency, details_json, prev_hash, hash)
       VALUES (@seq, @at, @terminal_id, @actor_id, @approver_id, @action, @target, @amount_minor, @currency, @details_json, @prev_hash, @hash)`,
    );
    this.head = deps.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1');
    this.setHead = deps.db.prepare(
      'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    );
  }

  /** Rows without a head mean the head was removed: link to nothing, so verify keeps reporting it. */
  private orphanedEnd(): { seq: number; hash: string } | undefined {
    const last = this.deps.db.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number | null };
    return last.seq === null ? undefined : { seq: last.seq, hash: 'head-missing' };
  }

  /** Validates, strips anything secret-looking from the details, and appends one linked row. */
  record(entry: AuditEntry): { seq: number; hash: string } {
    const parsed = auditEntrySchema.parse(entry);
    const details = parsed.details ? (redact(parsed.details) as Record<string, unknown>) : null;
    const write = this.deps.db.transaction(() => {
      // Link to the recorded head, not to the last row present: if rows were cut off the end, the
      // next record keeps pointing at the gap instead of papering over it.
      const previous = (this.head.get() ?? this.orphanedEnd()) as { seq: number; hash: string } | undefined;
      const content = {
        seq: (previous?.seq ?? 0) + 1,
        at: this.deps.now().toISOString(),
        terminal_id: this.deps.terminalId(),
        actor_id: parsed.actorId,
        approver_id: parsed.approverId ?? null,
        action: parsed.action,
        target: parsed.target ? redactString(parsed.target) : null,
        amount_minor: parsed.amount?.minor ?? null,
        currency: parsed.amount?.currency ?? null,
        details_json: details ? JSON.stringify(details) : null,
      };
      const prevHash = previous?.hash ?? GENESIS;
      const hash = linkHash(prevHash, canonicalAuditRow(content));
      this.insert.run({ ...content, prev_hash: prevHash, hash });
      this.setHead.run(content.seq, hash);
      return { seq: content.seq, hash };
    });
    return write.immediate();
  }

  /** Rows after `seq`, in order: how the chain leaves the terminal (sync uploads it in chunks). */
  /** Whether anything was recorded with this action and target (e.g. a Z report already printed). */
  has(action: string, target: string): boolean {
    return this.deps.db.prepare('SELECT 1 FROM audit_log WHERE action = ? AND target = ? LIMIT 1').get(action, target) !== undefined;
  }

  entriesAfter(seq: number, limit: number): AuditRow[] {
    return this.deps.db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as AuditRow[];
  }

  countAfter(seq: number): number {
    return (this.deps.db.prepare('SELECT count(*) AS n FROM audit_log WHERE seq > ?').get(seq) as { n: number }).n;
  }

  verify(): AuditVerification {
    const checkedAt = this.deps.now().toISOString();
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let entries = 0;
    const fail = (brokenAt: number, problem: Extract<AuditVerification, { ok: false }>['problem']): AuditVerification => ({
      ok: false,
      entries,
      checkedAt,
      brokenAt,
      problem,
    });
    const read = this.deps.db.transaction(() => {
      for (const row of this.deps.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>) {
        entries++;
        if (row.seq !== expectedSeq) return fail(expectedSeq, 'missing_row');
        if (row.prev_hash !== prevHash) return fail(row.seq, 'broken_link');
        if (linkHash(row.prev_hash, canonicalAuditRow(row)) !== row.hash) return fail(row.seq, 'hash_mismatch');
        prevHash = row.hash;
        expectedSeq++;
      }
      const head = this.deps.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
      const lastSeq = expectedSeq - 1;
      if ((head?.seq ?? 0) !== lastSeq || (head?.hash ?? GENESIS) !== prevHash)
        return fail(Math.max(1, Math.min(lastSeq + 1, head?.seq ?? 1)), 'head_mismatch');
      return { ok: true as const, entries, checkedAt };
    });
    return read.deferred();
  }
}
