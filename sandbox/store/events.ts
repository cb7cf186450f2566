import type { ApiEvent } from '../../shared/api/events';
import type { SandboxDb } from './database';
import { newId } from './ids';

type EventInput = Pick<ApiEvent, 'type' | 'data'> & { storeId: string; terminalId?: string | null };
interface EventRow {
  seq: number;
  id: string;
  store_id: string;
  terminal_id: string | null;
  type: string;
  data: string;
  created_at: string;
}

/** The events feed: per store, optionally addressed to one terminal, read in seq order. */
export class Events {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  emit(event: EventInput): string {
    const id = newId('evt');
    this.db
      .prepare('INSERT INTO events (id, store_id, terminal_id, type, data, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, event.storeId, event.terminalId ?? null, event.type, JSON.stringify(event.data), this.now().toISOString());
    return id;
  }

  /** Events for this terminal's store (store-wide or addressed to it) after `afterSeq`. */
  forTerminal(
    storeId: string,
    terminalId: string,
    afterSeq: number,
    limit: number,
  ): { events: ApiEvent[]; cursor: number; hasMore: boolean } {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE store_id = ? AND (terminal_id IS NULL OR terminal_id = ?) AND seq > ? ORDER BY seq LIMIT ?')
      .all(storeId, terminalId, afterSeq, limit + 1) as EventRow[];
    return this.page(rows, afterSeq, limit);
  }

  /** Only the events addressed to this terminal (what a revoked terminal may still read). */
  forTerminalOnly(terminalId: string, afterSeq: number, limit: number): { events: ApiEvent[]; cursor: number; hasMore: boolean } {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(terminalId, afterSeq, limit + 1) as EventRow[];
    return this.page(rows, afterSeq, limit);
  }

  private page(rows: EventRow[], afterSeq: number, limit: number): { events: ApiEvent[]; cursor: number; hasMore: boolean } {
    const page = rows.slice(0, limit);
    return {
      events: page.map((r) => ({ id: r.id, type: r.type, data: JSON.parse(r.data), createdAt: r.created_at }) as ApiEvent),
      cursor: page.at(-1)?.seq ?? afterSeq,
      hasMore: rows.length > limit,
    };
  }

  recent(limit = 100): EventRow[] {
    return this.db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT ?').all(limit) as EventRow[];
  }
}
