import { eventsPageSchema, type ApiEvent } from '../../../shared/api/events';
import type { ApiClient } from '../api-client/api-client';
import { ApiClientError } from '../api-client/api-errors';
import type { SecurityLog } from '../logging/security-log';
import type { Keychain } from '../secrets/keychain';
import type { Db } from '../storage/db';
import { writeTransaction, type Tx } from '../storage/transaction';
import { securityAlertItem, type OutboxWriter } from '../storage/outbox';
import { verifyEventsSignature } from './event-signature';
import type { PaymentDeclines } from './payment-declines';
import type { SyncState } from '../storage/sync-state';

export const EVENTS_CURSOR = 'events.cursor';
const ALERT_EVERY_MS = 10 * 60_000;

export interface FeedEffects {
  storeChanged: boolean;
  catalogChanged: boolean;
  staffChanged: boolean;
  revoked: boolean;
}

export interface EventsFeedDeps {
  db: Db;
  api: ApiClient;
  state: SyncState;
  keychain: Keychain;
  outbox: OutboxWriter<'security_alert'>;
  /** A declined-after-forward payment goes to the payments area, which owns its needs-attention entry. */
  declines: PaymentDeclines;
  securityLog: SecurityLog;
  now: () => Date;
  /** This terminal's id at the API: a revocation naming another terminal is not ours. */
  serverTerminalId: () => string | null;
  /** Recorded in the same transaction as the event: stops new sales and marks the terminal revoked. */
  markRevoked: (tx: Tx) => void;
}

export class SignatureRefusedError extends Error {
  override readonly name = 'SignatureRefusedError';
}

/**
 * The signed events feed. Each page is verified (HMAC-SHA256, constant time, five minutes either way)
 * before a byte of it is parsed; a page that fails is a security event and nothing in it is applied.
 * Events are applied with their id and the new cursor in one transaction; a seen id is skipped.
 */
export class EventsFeed {
  private lastAlertAt = 0;

  constructor(private readonly deps: EventsFeedDeps) {}

  async pass(): Promise<FeedEffects> {
    const effects: FeedEffects = { storeChanged: false, catalogChanged: false, staffChanged: false, revoked: false };
    for (let pages = 0; pages < 50; pages++) {
      const secret = await this.deps.keychain.get('event-signing-secret');
      if (!secret) throw new ApiClientError({ kind: 'not_enrolled' });
      const cursor = this.deps.state.get<string>(EVENTS_CURSOR) ?? undefined;
      const { body, signature } = await this.deps.api.eventsRaw(cursor);
      const verdict = verifyEventsSignature(signature, body, secret, this.deps.now().getTime());
      if (!verdict.ok) {
        this.refused(verdict.reason);
        throw new SignatureRefusedError(`The events feed answer was refused (${verdict.reason}); nothing in it was applied.`);
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new ApiClientError({ kind: 'malformed', what: 'events: not JSON' });
      }
      const page = eventsPageSchema.safeParse(json);
      if (!page.success) throw new ApiClientError({ kind: 'malformed', what: 'events: shape' });
      writeTransaction(this.deps.db, (tx) => {
        for (const event of page.data.events) this.apply(tx, event, effects);
        this.deps.state.set(EVENTS_CURSOR, page.data.cursor);
      });
      if (!page.data.hasMore || effects.revoked) break;
    }
    return effects;
  }

  private apply(tx: Tx, event: ApiEvent, effects: FeedEffects): void {
    const fresh = this.deps.db
      .prepare('INSERT INTO seen_events (id, type, seen_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(event.id, event.type, this.deps.now().toISOString());
    if (fresh.changes === 0) return;
    switch (event.type) {
      case 'store.updated':
        effects.storeChanged = true;
        break;
      case 'catalog.updated':
        effects.catalogChanged = true;
        break;
      case 'staff.updated':
        effects.staffChanged = true;
        break;
      case 'payment.declined_after_forward':
        this.deps.declines.record(tx, {
          clientId: event.data.clientId,
          transactionClientId: event.data.transactionClientId,
          declineCode: event.data.declineCode,
          source: 'event',
        });
        break;
      case 'terminal.revoked':
        if (event.data.terminalId !== this.deps.serverTerminalId()) break;
        this.deps.markRevoked(tx);
        effects.revoked = true;
        break;
    }
  }

  /** A security event: in the local security log, and (at most every 10 minutes) queued for the API. */
  private refused(reason: string): void {
    this.deps.securityLog.record({ type: 'alert', name: 'sync.events_signature_refused', detail: reason });
    const nowMs = this.deps.now().getTime();
    if (nowMs - this.lastAlertAt < ALERT_EVERY_MS) return;
    this.lastAlertAt = nowMs;
    const alert = securityAlertItem({
      name: 'sync.events_signature_refused',
      at: new Date(nowMs).toISOString(),
      severity: 'critical',
      reason,
    });
    writeTransaction(this.deps.db, (tx) => this.deps.outbox.enqueue(tx, alert));
  }
}
