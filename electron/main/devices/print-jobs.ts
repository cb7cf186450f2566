import type { Db } from '../storage/db';

export type PrintPurpose = 'original' | 'reprint' | 'report';

export interface InterruptedJob {
  target: string;
  purpose: PrintPurpose;
}

/** The record of what went to an ESC/POS printer, so a restart never prints a job twice. */
export class PrintJobs {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Just before the first byte is sent. */
  started(target: string, purpose: PrintPurpose): number {
    const row = this.db
      .prepare("INSERT INTO print_jobs (target, purpose, state, created_at) VALUES (?, ?, 'sending', ?) RETURNING id")
      .get(target, purpose, this.now().toISOString()) as {
      id: number;
    };
    return row.id;
  }

  finished(id: number, state: 'printed' | 'failed', detail: string | null): void {
    this.db
      .prepare('UPDATE print_jobs SET state = ?, detail = ?, finished_at = ? WHERE id = ?')
      .run(state, detail, this.now().toISOString(), id);
  }

  /**
   * At start-up: jobs left `sending` were cut off mid-way. They are marked interrupted and handed back
   * once, never sent again; the paper may or may not have come out, and a person decides.
   * Finished jobs older than 30 days are forgotten.
   */
  takeInterrupted(): InterruptedJob[] {
    return this.db
      .transaction(() => {
        const rows = this.db
          .prepare("SELECT target, purpose FROM print_jobs WHERE state = 'sending' ORDER BY id")
          .all() as InterruptedJob[];
        this.db
          .prepare("UPDATE print_jobs SET state = 'interrupted', finished_at = ? WHERE state = 'sending'")
          .run(this.now().toISOString());
        const cutoff = new Date(this.now().getTime() - 30 * 86_400_000).toISOString();
        this.db.prepare("DELETE FROM print_jobs WHERE state <> 'sending' AND created_at < ?").run(cutoff);
        return rows;
      })
      .immediate();
  }
}
