import type { ApiClient } from '../api-client/api-client';
import { ApiClientError } from '../api-client/api-errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { SyncState } from '../storage/sync-state';

const CHUNK = 500;
const POSITION_KEY = 'audit.uploadedSeq';

/**
 * Uploads the audit trail in order, 500 entries a request, each with the hash of its last entry as
 * the head: the API holds the chain up to that head and can tell if anything before it changes.
 * The position only moves once the API confirmed the chunk (same key on retry: replayed, not doubled).
 */
export class AuditUpload {
  constructor(
    private readonly audit: AuditTrail,
    private readonly state: SyncState,
    private readonly api: ApiClient,
  ) {}

  pendingCount(): number {
    const done = this.state.get<number>(POSITION_KEY) ?? 0;
    return this.audit.countAfter(done);
  }

  /** Uploads one chunk; false when there was nothing left. */
  async pass(): Promise<boolean> {
    const done = this.state.get<number>(POSITION_KEY) ?? 0;
    const rows = this.audit.entriesAfter(done, CHUNK);
    const last = rows.at(-1);
    if (!last) return false;
    const entries = rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      action: r.action,
      actorId: r.actor_id,
      data: {
        terminalId: r.terminal_id,
        approverId: r.approver_id,
        target: r.target,
        amountMinor: r.amount_minor,
        currency: r.currency,
        details: r.details_json,
      },
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const answer = await this.api.auditUpload(
      { entries, headHash: last.hash },
      `audit-${rows[0]?.seq ?? last.seq}-${last.seq}-${last.hash.slice(0, 16)}`,
    );
    if (answer.headHash !== last.hash || answer.headSeq < last.seq)
      throw new ApiClientError({ kind: 'malformed', what: 'auditUpload: head' });
    this.state.set(POSITION_KEY, last.seq);
    return true;
  }
}
