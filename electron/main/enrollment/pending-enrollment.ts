import { uuidv7 } from '../../../shared/domain/ids';
import type { SyncState } from '../storage/sync-state';
import type { CodeSource } from './enrollment-service';

/** The API replays an enrollment's answer for 24 h; past that the code is spent for good. */
export const ENROLLMENT_REPLAY_MS = 24 * 3600_000;

export interface PendingEnrollment {
  code: string;
  source: CodeSource;
  /** The Idempotency-Key of the request: the same code and id get the same answer from the API. */
  requestId: string;
  terminalName: string;
  startedAt: string;
}

const KEY = 'enrollment.pending';

/**
 * An enrollment asked of the API whose answer has not been recorded yet. It is written before the
 * request leaves, so a lost answer (a reset connection, a kill) is asked again with the same request
 * id, after a restart too, and the API replays the credentials it already issued instead of
 * refusing a spent code. The code is kept only until then, in the encrypted database.
 */
export class PendingEnrollments {
  constructor(
    private readonly state: SyncState,
    private readonly now: () => Date,
  ) {}

  /** The pending one for this code (same request id), or a new one recorded before it is sent. */
  begin(code: string, source: CodeSource, terminalName: string): PendingEnrollment {
    const pending = this.current();
    if (pending?.code === code) return pending;
    const fresh: PendingEnrollment = { code, source, requestId: uuidv7(), terminalName, startedAt: this.now().toISOString() };
    this.state.set(KEY, fresh);
    return fresh;
  }

  /** The one still waiting for its answer, while the API would still replay it. */
  current(): PendingEnrollment | null {
    const pending = this.state.get<PendingEnrollment>(KEY);
    if (!pending) return null;
    if (this.now().getTime() - Date.parse(pending.startedAt) >= ENROLLMENT_REPLAY_MS) {
      this.clear();
      return null;
    }
    return pending;
  }

  clear(): void {
    this.state.delete(KEY);
  }
}
