import type { Db } from './db';

/** Small named sync facts (cursors, enrollment, clock readings) as JSON in one table. */
export class SyncState {
  private readonly read;
  private readonly write;
  private readonly remove;

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    this.read = db.prepare('SELECT value_json FROM sync_state WHERE key = ?');
    this.write = db.prepare(
      'INSERT INTO sync_state (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    );
    this.remove = db.prepare('DELETE FROM sync_state WHERE key = ?');
  }

  get<T>(key: string): T | null {
    const row = this.read.get(key) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as T) : null;
  }

  set(key: string, value: unknown): void {
    this.write.run(key, JSON.stringify(value), this.now().toISOString());
  }

  delete(key: string): void {
    this.remove.run(key);
  }
}
