import type { Db } from '../db';

/** One schema step. `up` runs inside the start-up transaction; it must never drop or rewrite queued outbox rows. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
