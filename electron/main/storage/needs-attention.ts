import type { NeedsAttentionEntry, NeedsAttentionKind } from '../../../shared/domain/sync';
import type { Db } from './db';
import type { Tx } from './transaction';

export interface NeedsAttentionInput {
  /** The client id of the outbox item or payment it concerns. */
  clientId: string;
  kind: NeedsAttentionKind;
  /** The outbox kind (sale, refund, payment, …). */
  itemKind: string;
  /** Why, in words a manager can act on; never card data or a secret. */
  reason: string;
}

interface Row {
  id: number;
  client_id: string;
  kind: NeedsAttentionKind;
  item_kind: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

const toEntry = (r: Row): NeedsAttentionEntry => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  itemKind: r.item_kind,
  reason: r.reason,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolution: r.resolution,
});

export class NeedsAttentionNotFoundError extends Error {
  override readonly name = 'NeedsAttentionNotFoundError';
}

/**
 * The list a manager works through. Entries are added inside the transaction that moves their item
 * out of the way (so the queue never loses one), added once per client id and kind, and resolved,
 * never deleted.
 */
export class NeedsAttention {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Adds the entry, or returns the one already there for this client id and kind. */
  add(_tx: Tx, input: NeedsAttentionInput): NeedsAttentionEntry {
    const reason = input.reason.slice(0, 500) || 'No reason given.';
    this.db
      .prepare(
        'INSERT INTO needs_attention (client_id, kind, item_kind, reason, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (client_id, kind) DO NOTHING',
      )
      .run(input.clientId, input.kind, input.itemKind, reason, this.now().toISOString());
    return toEntry(
      this.db.prepare('SELECT * FROM needs_attention WHERE client_id = ? AND kind = ?').get(input.clientId, input.kind) as Row,
    );
  }

  list(options: { includeResolved?: boolean; limit?: number } = {}): NeedsAttentionEntry[] {
    const where = options.includeResolved ? '' : 'WHERE resolved_at IS NULL';
    return (this.db.prepare(`SELECT * FROM needs_attention ${where} ORDER BY id LIMIT ?`).all(options.limit ?? 500) as Row[]).map(toEntry);
  }

  find(clientId: string, kind: NeedsAttentionKind): NeedsAttentionEntry | null {
    const row = this.db.prepare('SELECT * FROM needs_attention WHERE client_id = ? AND kind = ?').get(clientId, kind) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  get(id: number): NeedsAttentionEntry | null {
    const row = this.db.prepare('SELECT * FROM needs_attention WHERE id = ?').get(id) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  openCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM needs_attention WHERE resolved_at IS NULL').get() as { n: number }).n;
  }

  /** Open entries whose client id starts with `prefix` (`product:` for catalog rows held from a pull). */
  openCountOf(prefix: string): number {
    const row = this.db
      .prepare('SELECT count(*) AS n FROM needs_attention WHERE resolved_at IS NULL AND substr(client_id, 1, length(?)) = ?')
      .get(prefix, prefix);
    return (row as { n: number }).n;
  }

  /** Resolves every open entry whose client id starts with `prefix`, as `by` (a process, not a person). */
  resolveOpen(_tx: Tx, prefix: string, by: string, resolution: string): number {
    return this.db
      .prepare(
        'UPDATE needs_attention SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE resolved_at IS NULL AND substr(client_id, 1, length(?)) = ?',
      )
      .run(this.now().toISOString(), by, resolution.slice(0, 500), prefix, prefix).changes;
  }

  /** Marks it resolved by a manager with what was done; resolving twice keeps the first resolution. */
  resolve(_tx: Tx, id: number, by: string, resolution: string): NeedsAttentionEntry {
    const existing = this.get(id);
    if (!existing) throw new NeedsAttentionNotFoundError(`No needs-attention entry ${id}.`);
    if (existing.resolvedAt) return existing;
    this.db
      .prepare('UPDATE needs_attention SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL')
      .run(this.now().toISOString(), by, resolution.slice(0, 500), id);
    return this.get(id) as NeedsAttentionEntry;
  }
}
