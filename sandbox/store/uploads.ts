import type { z } from 'zod';
import type { auditUploadRequestSchema, securityEventUploadRequestSchema } from '../../shared/api/uploads';
import type { SandboxDb } from './database';

type AuditUpload = z.output<typeof auditUploadRequestSchema>;
type SecurityUpload = z.output<typeof securityEventUploadRequestSchema>;

/** Audit entries (with the head hash that anchors the terminal's chain) and security events. */
export class Uploads {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  /** Entries already held (same seq) are kept as first received; the head is the latest reported. */
  recordAudit(terminalId: string, upload: AuditUpload): { accepted: number; headSeq: number } {
    return this.db.transaction(() => {
      const insert = this.db.prepare('INSERT OR IGNORE INTO audit_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      let accepted = 0;
      for (const e of upload.entries)
        accepted += insert.run(terminalId, e.seq, e.at, e.action, e.actorId, JSON.stringify(e.data), e.prevHash, e.hash).changes;
      this.db
        .prepare(
          'INSERT INTO audit_heads VALUES (?, ?, ?) ON CONFLICT (terminal_id) DO UPDATE SET head_hash = excluded.head_hash, received_at = excluded.received_at',
        )
        .run(terminalId, upload.headHash, this.now().toISOString());
      const { seq } = this.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_entries WHERE terminal_id = ?').get(terminalId) as {
        seq: number;
      };
      return { accepted, headSeq: seq };
    })();
  }

  /** What the API holds of a terminal's chain: how many entries and the head it last reported. */
  auditHead(terminalId: string): { entries: number; lastSeq: number; headHash: string } | null {
    const head = this.db.prepare('SELECT head_hash FROM audit_heads WHERE terminal_id = ?').get(terminalId) as
      { head_hash: string } | undefined;
    if (!head) return null;
    const held = this.db
      .prepare('SELECT count(*) AS n, coalesce(max(seq), 0) AS last FROM audit_entries WHERE terminal_id = ?')
      .get(terminalId) as { n: number; last: number };
    return { entries: held.n, lastSeq: held.last, headHash: head.head_hash };
  }

  recordSecurityEvents(terminalId: string, upload: SecurityUpload): { accepted: number; duplicates: number } {
    return this.db.transaction(() => {
      const insert = this.db.prepare('INSERT OR IGNORE INTO security_events VALUES (?, ?, ?, ?, ?, ?)');
      let accepted = 0;
      for (const e of upload.events)
        accepted += insert.run(terminalId, e.id, e.at, e.event, e.severity, e.details ? JSON.stringify(e.details) : null).changes;
      return { accepted, duplicates: upload.events.length - accepted };
    })();
  }
}
