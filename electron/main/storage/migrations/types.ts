import type { Db } from '../db';

/** One schema step. `up` runs inside the start-up transaction; it must never drop or rewrite queued outbox rows. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
  /**
   * Only for a step that must rewrite queued rows (masking card numbers): the exact rewrite it
   * promises, read before `up` runs. The guard then checks the queue became exactly that, no more.
   */
  queuedRewrite?(db: Db): (row: Record<string, unknown>) => Record<string, unknown>;
}
