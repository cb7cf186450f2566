import type { SyncStatus } from '../../../shared/domain/sync';
import type { Connectivity } from '../../../shared/domain/sync';
import { ApiClientError } from '../api-client/api-errors';
import type { EnrollmentService } from '../enrollment/enrollment-service';
import type { AuditUpload } from './audit-upload';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { CatalogPull } from './catalog-pull';
import type { ClockCheck } from './clock-check';
import type { EventsFeed } from './events-feed';
import type { OutboxDelivery } from './outbox-delivery';
import type { OutboxQueue } from '../storage/outbox-queue';
import { statusOf } from './sync-status';
import type { NeedsAttention } from '../storage/needs-attention';
import type { Reachability } from '../api-client/reachability';

export interface SyncTimings {
  backoff: BackoffPolicy;
  /** While offline, how often the link is tried again at most. */
  offlineProbeCapMs: number;
  /** Between runs when all is delivered (the events feed is read this often). */
  idleMs: number;
  /** A nudge after a sale waits this long, so a burst of sales goes as one batch. */
  nudgeMs: number;
  clockEveryMs: number;
  retentionMs: number;
}

export const DEFAULT_TIMINGS: SyncTimings = {
  backoff: { baseMs: 1_000, capMs: 60_000 },
  offlineProbeCapMs: 10_000,
  idleMs: 30_000,
  nudgeMs: 500,
  clockEveryMs: 10 * 60_000,
  retentionMs: 30 * 24 * 60 * 60_000,
};

export interface SyncEngineDeps {
  delivery: OutboxDelivery;
  auditUpload: AuditUpload;
  feed: EventsFeed;
  pull: CatalogPull;
  clock: ClockCheck;
  queue: OutboxQueue;
  needsAttention: NeedsAttention;
  enrollment: EnrollmentService;
  /** Online or offline, from the API client's real answers (shared with card payments). */
  reachability: Reachability;
  now: () => Date;
  random?: () => number;
  timings?: Partial<SyncTimings>;
  /** Called after the terminal learned it was revoked (credentials are wiped here). */
  log: (entry: Record<string, unknown>) => void;
  maxAgeHours: () => number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs sync: deliver the outbox, upload the audit trail, read the events feed, pull catalog and staff,
 * check the clock. Reachability comes from the API itself: an answer means online, a dropped or timed
 * out connection offline. Failures back off with full jitter; credentials refused pause sync until an
 * admin enrolls again. Work is yielded between requests so IPC answers never wait on sync.
 */
export class SyncEngine {
  private readonly timings: SyncTimings;
  /** 401/403: paused until an admin enrolls again or presses Sync now. */
  private credentialsRejected = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private closed = false;
  private lastSyncAt: string | null = null;
  private pulledOnce = false;
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  constructor(private readonly deps: SyncEngineDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    deps.reachability.onChange((state) => {
      this.deps.log(state === 'online' ? { level: 'info', event: 'sync.online' } : { level: 'warn', event: 'sync.offline' });
      this.emit();
      // An answer to another request (a card payment) while sync waits out its offline backoff.
      if (state === 'online' && !this.running && this.deps.queue.pendingStats().count > 0) this.schedule(0, true);
    });
  }

  start(): void {
    // Enrollment at start settles in the background and starts sync again; after close it must not.
    if (this.closed) return;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** For good: the storage underneath is about to close. */
  close(): void {
    this.closed = true;
    this.stop();
  }

  onChange(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new item was queued: deliver it soon (bursts of sales coalesce into one batch). */
  nudge(): void {
    this.emit();
    if (this.stopped || this.credentialsRejected) return;
    if (this.running) this.again = true;
    else if (this.deps.reachability.current !== 'offline') this.schedule(this.timings.nudgeMs, true);
  }

  /** "Sync now": runs at once, even after credentials were refused, and resolves when the run ends. */
  async syncNow(): Promise<SyncStatus> {
    this.credentialsRejected = false;
    this.attempt = 0;
    if (this.running) {
      this.again = true;
      await this.running;
    } else {
      await this.run();
    }
    return this.status();
  }

  /** Resolves once a run is over (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  status(): SyncStatus {
    return statusOf({
      connectivity: this.currentConnectivity(),
      enrollment: this.deps.enrollment.current(),
      stats: this.deps.queue.pendingStats(),
      needsAttention: this.deps.needsAttention.openCount(),
      lastSyncAt: this.lastSyncAt,
      syncing: this.running !== null,
      clock: this.deps.clock.last(),
      salesStopped: this.deps.enrollment.revoked(),
      maxAgeHours: this.deps.maxAgeHours(),
      outOfDateSince: (({ catalog, staff }) => ({ catalog, staff }))(this.deps.pull.outOfDateSince()),
    });
  }

  private currentConnectivity(): Connectivity {
    if (this.deps.enrollment.revoked()) return 'revoked';
    if (!this.deps.enrollment.current()) return 'not_enrolled';
    return this.credentialsRejected ? 'credentials_rejected' : this.deps.reachability.current;
  }

  /** Runs in `ms`, unless a run is already due sooner (a stream of sales must not keep pushing it back). */
  private schedule(ms: number, onlySooner = false): void {
    if (this.stopped) return;
    const due = Date.now() + ms;
    if (this.timer && onlySooner && this.timerDueAt <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDueAt = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
    this.timer.unref?.();
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.cycle().finally(() => {
      this.running = null;
      this.emit();
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    });
    this.emit();
    return this.running;
  }

  private async cycle(): Promise<void> {
    if (this.closed || !this.deps.enrollment.isEnrolled() || this.credentialsRejected) return;
    try {
      // The outbox first: when the link is down, the first batch is the probe.
      for (;;) {
        if (this.closed) return;
        // Online or offline is the API client's call, from real answers (reachability.ts): a pass
        // with nothing to send proves nothing.
        const pass = await this.deps.delivery.pass();
        if (pass.idle) break;
        await yieldToEventLoop();
      }
      while (await this.deps.auditUpload.pass()) await yieldToEventLoop();
      const effects = await this.deps.feed.pass();
      if (effects.revoked) return await this.revoked();
      await this.pullChanged(effects);
      const clock = this.deps.clock.last();
      if (!clock || this.deps.now().getTime() - Date.parse(clock.deviceAt) > this.timings.clockEveryMs) await this.deps.clock.check();
      this.deps.queue.purgeConfirmed(this.timings.retentionMs);
      this.attempt = 0;
      this.lastSyncAt = this.deps.now().toISOString();
      this.schedule(this.deps.queue.pendingStats().count > 0 ? 0 : this.timings.idleMs);
    } catch (error) {
      // A refused key may still read its own events: that is how a revoked terminal learns it.
      if (ApiClientError.is(error) && error.failure.kind === 'credentials_rejected' && (await this.revokedPerFeed()))
        return await this.revoked();
      this.failed(error);
    }
  }

  /**
   * Catalog and staff, each when the feed says it changed, on the first run, or while its last pull
   * failed (the feed will not say so again). One failing never keeps the other from being pulled.
   */
  private async pullChanged(effects: { storeChanged: boolean; catalogChanged: boolean; staffChanged: boolean }): Promise<void> {
    const stale = this.deps.pull.outOfDateSince();
    const pulls = [
      // The store first: its currency is the one the catalog's prices must be in.
      effects.storeChanged || !this.pulledOnce || stale.store !== null ? () => this.deps.pull.pullStore() : null,
      effects.catalogChanged || !this.pulledOnce || stale.catalog !== null ? () => this.deps.pull.pullCatalog() : null,
      effects.staffChanged || !this.pulledOnce || stale.staff !== null ? () => this.deps.pull.pullStaff() : null,
    ];
    let failure: { error: unknown } | null = null;
    for (const pull of pulls) {
      if (!pull) continue;
      try {
        await pull();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
    this.pulledOnce = true;
  }

  private async revokedPerFeed(): Promise<boolean> {
    try {
      return (await this.deps.feed.pass()).revoked;
    } catch {
      return false;
    }
  }

  private failed(error: unknown): void {
    if (this.closed) return;
    const api = ApiClientError.is(error) ? error : null;
    if (api?.failure.kind === 'credentials_rejected' || api?.failure.kind === 'origin_changed') {
      // Retrying a refused key forever helps nobody, nor does asking an address the key does not
      // belong to: pause and tell staff (an admin enrolls again either way).
      this.credentialsRejected = true;
      this.deps.log({
        level: 'error',
        event: `sync.${api.failure.kind}`,
        ...(api.failure.kind === 'credentials_rejected' ? { status: api.failure.status } : {}),
      });
      this.emit();
      return;
    }
    if (!api) {
      this.deps.log({
        level: 'error',
        event: 'sync.failed',
        name: (error as Error)?.name ?? 'unknown',
        message: (error as Error)?.message?.slice(0, 200),
      });
    }
    const policy =
      this.deps.reachability.current === 'offline'
        ? { ...this.timings.backoff, capMs: Math.min(this.timings.backoff.capMs, this.timings.offlineProbeCapMs) }
        : this.timings.backoff;
    const delay = backoffDelay(this.attempt, policy, this.deps.random ?? Math.random, api?.retryAfterMs ?? null);
    this.attempt++;
    this.emit();
    this.schedule(delay);
  }

  private async revoked(): Promise<void> {
    await this.deps.enrollment.wipeCredentials();
    this.deps.log({ level: 'error', event: 'sync.terminal_revoked' });
    this.stop();
  }

  private emit(): void {
    if (this.listeners.size === 0 || this.closed) return;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
