import { createHash } from 'node:crypto';
import { PAYMENT_BATCH_MAX, type PaymentRecord } from '../../../shared/api/payments';
import { TRANSACTION_BATCH_MAX, type TransactionRecord } from '../../../shared/api/transactions';
import { outboxRouteOf, type OutboxRoute } from '../../../shared/domain/outbox-kinds';
import { IDEMPOTENCY_WINDOW_MS } from '../../../shared/domain/sync';
import type { ApiClient } from '../api-client/api-client';
import { ApiClientError } from '../api-client/api-errors';
import { writeTransaction, type Tx } from '../storage/transaction';
import type { Db } from '../storage/db';
import type { OutboxQueue, PendingItem } from '../storage/outbox-queue';
import type { DeclaredKinds } from './declared-kinds';
import type { PaymentDeclines } from './payment-declines';
import { toSecurityEvent } from './security-event';

type Route = OutboxRoute | 'unknown';
const SECURITY_BATCH_MAX = 100;
const PAYMENT_KIND = 'payment';

/** Delivery routes by the kinds table in shared/; start-up refuses unknown kinds, so 'unknown' is a guard. */
const routeOf = (kind: string): Route => outboxRouteOf(kind) ?? 'unknown';
/** Routes whose request the area that declared the kind builds at send time (sync/declared-kinds.ts). */
const AREA_BUILT: ReadonlySet<Route> = new Set(['upsertCustomer', 'eraseCustomer', 'sendReceiptEmail']);

export interface DeliveryDeps {
  db: Db;
  queue: OutboxQueue;
  api: ApiClient;
  declines: PaymentDeclines;
  /** Deliverers of the kinds whose request an area builds (customers, e-mailed receipts). */
  declared?: DeclaredKinds;
  now: () => Date;
}

export interface PassResult {
  confirmed: number;
  rejected: number;
  /** Nothing was waiting. */
  idle: boolean;
}

/** The batch's key: the same items in the same order always make the same request. */
function batchKey(prefix: string, items: readonly PendingItem[]): string {
  return `${prefix}-${createHash('sha256')
    .update(items.map((i) => i.clientId).join('\n'))
    .digest('hex')
    .slice(0, 48)}`;
}

/** An API answer that says "this item will never be accepted as it is", as opposed to "try again". */
function isRefusal(error: unknown): error is ApiClientError {
  return (
    ApiClientError.is(error) &&
    error.failure.kind === 'http' &&
    !error.retryable &&
    error.failure.status >= 400 &&
    error.failure.status < 500
  );
}

/**
 * One step of delivery: the oldest waiting items of one kind, sent as one request (up to 100
 * transactions, security events or card payments), and the answer applied in one transaction. Items
 * past the idempotency window are looked up by client id first. Retryable failures are thrown for
 * the engine's backoff; a refused item moves to needs-attention and the queue moves on.
 *
 * Card payments stored offline go first, 100 at a time from wherever they wait: each is queued just
 * ahead of its sale, so sending them first keeps "a sale's payment before the sale" and lets the
 * sales between them go as full batches (a mixed backlog is not cut into a request per payment).
 */
export class OutboxDelivery {
  /** After a whole batch was refused, send one at a time until the refused item is found. */
  private isolate = false;
  /** Whether this process has marked the head of the queue as possibly offered (see markPossiblyOffered). */
  private recovered = false;

  constructor(private readonly deps: DeliveryDeps) {}

  async pass(): Promise<PassResult> {
    let head = this.deps.queue.next(TRANSACTION_BATCH_MAX);
    let payments = this.deps.queue.nextOfKind(PAYMENT_KIND, this.isolate ? 1 : PAYMENT_BATCH_MAX);
    if (!this.recovered && head.length) {
      head = this.deps.queue.markPossiblyOffered(head);
      payments = this.deps.queue.markPossiblyOffered(payments);
      this.recovered = true;
    }
    const first = payments[0] ?? head[0];
    if (!first) return { confirmed: 0, rejected: 0, idle: true };
    const route = routeOf(first.kind);
    const max = this.isolate
      ? 1
      : route === 'transactionBatch'
        ? TRANSACTION_BATCH_MAX
        : route === 'securityEvents'
          ? SECURITY_BATCH_MAX
          : route === 'paymentBatch'
            ? PAYMENT_BATCH_MAX
            : 1;
    const group: PendingItem[] = [];
    for (const item of route === 'paymentBatch' ? payments : head) {
      if (routeOf(item.kind) !== route || group.length >= max) break;
      group.push(item);
    }
    if (route === 'unknown') {
      writeTransaction(this.deps.db, (tx) =>
        this.deps.queue.reject(tx, first, `This terminal version cannot deliver items of kind "${first.kind}".`),
      );
      return { confirmed: 0, rejected: 1, idle: false };
    }
    const toSend = await this.lookUpExpired(group, route);
    const only = toSend[0];
    if (!only) return { confirmed: group.length, rejected: 0, idle: false };
    const sentAt = this.deps.now().toISOString();
    try {
      const result =
        route === 'transactionBatch'
          ? await this.sendTransactions(toSend, sentAt)
          : route === 'securityEvents'
            ? await this.sendSecurity(toSend, sentAt)
            : AREA_BUILT.has(route)
              ? await this.sendDeclared(only, sentAt)
              : await this.sendPayments(toSend, sentAt);
      if (toSend.length === 1) this.isolate = false;
      return { ...result, confirmed: result.confirmed + group.length - toSend.length, idle: false };
    } catch (error) {
      if (isRefusal(error)) {
        if (toSend.length > 1) {
          this.isolate = true;
          return { confirmed: group.length - toSend.length, rejected: 0, idle: false };
        }
        this.isolate = false;
        this.deps.queue.settle({ confirmed: [], rejected: [{ item: only, reason: refusalReason(error) }] }, sentAt);
        return { confirmed: group.length - toSend.length, rejected: 1, idle: false };
      }
      this.deps.queue.noteError(toSend, ApiClientError.is(error) ? error.message : 'unexpected error', sentAt);
      throw error;
    }
  }

  /** Items whose key the API may have forgotten: confirmed by lookup if it holds them, else sent again. */
  private async lookUpExpired(group: PendingItem[], route: Route): Promise<PendingItem[]> {
    // Security events are stored by event id, customer requests are upserts by nature: a resend is a no-op.
    if (route === 'securityEvents' || AREA_BUILT.has(route)) return group;
    const cutoff = this.deps.now().getTime() - IDEMPOTENCY_WINDOW_MS;
    const found: { item: PendingItem; serverId: string | null }[] = [];
    const rest: PendingItem[] = [];
    for (const item of group) {
      if (item.firstSentAt === null || Date.parse(item.firstSentAt) > cutoff) {
        rest.push(item);
        continue;
      }
      if (route === 'paymentBatch') {
        const payment = await this.deps.api.findPayment(item.clientId);
        if (payment) this.settlePayment(item, payment);
        else rest.push(item);
        continue;
      }
      const record = await this.deps.api.findTransaction(item.clientId);
      if (record) found.push({ item, serverId: record.id });
      else rest.push(item);
    }
    if (found.length) this.deps.queue.settle({ confirmed: found, rejected: [] });
    return rest;
  }

  private async sendTransactions(items: PendingItem[], sentAt: string): Promise<PassResult> {
    const response = await this.deps.api.transactionBatch(
      items.map((i) => i.payloadJson),
      batchKey('txb', items),
    );
    // An IPC request that arrived with the answer goes first; the bookkeeping can wait a turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const { held, rejected, unanswered } = sortAnswers<'transaction', TransactionRecord>(items, response.results, 'transaction');
    const confirmed = held.map((h) => ({ item: h.item, serverId: h.record.id }));
    this.deps.queue.settle({ confirmed, rejected, unanswered }, sentAt);
    return { confirmed: confirmed.length, rejected: rejected.length, idle: false };
  }

  private async sendSecurity(items: PendingItem[], sentAt: string): Promise<PassResult> {
    const events = items.map((item) => ({ item, event: toSecurityEvent(item.clientId, item.payloadJson) }));
    const unusable = events
      .filter((e) => e.event === null)
      .map((e) => ({ item: e.item, reason: 'This security alert cannot be read; it was kept for the record.' }));
    const usable = events.flatMap((e) => (e.event ? [{ item: e.item, event: e.event }] : []));
    if (usable.length) {
      const response = await this.deps.api.securityEvents(
        { events: usable.map((e) => e.event) },
        batchKey(
          'sev',
          usable.map((e) => e.item),
        ),
      );
      if (response.accepted + response.duplicates !== usable.length)
        throw new ApiClientError({ kind: 'malformed', what: 'securityEvents: counts' });
    }
    this.deps.queue.settle({ confirmed: usable.map((e) => ({ item: e.item, serverId: null })), rejected: unusable }, sentAt);
    return { confirmed: usable.length, rejected: unusable.length, idle: false };
  }

  private async sendDeclared(item: PendingItem, sentAt: string): Promise<PassResult> {
    const kind = this.deps.declared?.get(item.kind);
    // Not declared yet (the core declares at start): later, not a refusal.
    if (!kind)
      throw new ApiClientError({
        kind: 'http',
        status: 503,
        code: null,
        message: `No deliverer for ${item.kind} yet.`,
        retryAfterMs: 1_000,
      });
    let serverId: string | null;
    try {
      ({ serverId } = await kind.deliver(item, this.deps.api));
    } catch (error) {
      if (ApiClientError.is(error)) throw error;
      // Not the API's answer: the item itself cannot be read, and never will be. Kept, for a person.
      writeTransaction(this.deps.db, (tx) =>
        this.deps.queue.reject(tx, item, `This ${item.kind} item cannot be read; it was kept for the record.`),
      );
      return { confirmed: 0, rejected: 1, idle: false };
    }
    this.deps.queue.settle({ confirmed: [{ item, serverId }], rejected: [] }, sentAt);
    return { confirmed: 1, rejected: 0, idle: false };
  }

  /**
   * Card payments stored for forwarding, one batch. The API holds each once it answers for it,
   * approved or declined: a declined one settles its item and goes to the payments area as a
   * declined payment, in the same transaction. A payment an online attempt already brought to the
   * API (same client id) comes back as a duplicate with the record the API holds.
   */
  private async sendPayments(items: PendingItem[], sentAt: string): Promise<PassResult> {
    const response = await this.deps.api.paymentBatch(
      items.map((i) => i.payloadJson),
      batchKey('pyb', items),
    );
    await new Promise<void>((resolve) => setImmediate(resolve));
    const { held, rejected, unanswered } = sortAnswers<'payment', PaymentRecord>(items, response.results, 'payment');
    const declined = held.filter((h) => h.record.status !== 'approved');
    writeTransaction(this.deps.db, (tx) => {
      const confirmed = held.map((h) => ({ item: h.item, serverId: h.record.id }));
      this.deps.queue.settle({ confirmed, rejected, unanswered }, sentAt);
      for (const { item, record } of declined) this.recordDecline(tx, item, record.declineCode ?? 'card_declined');
    });
    return { confirmed: held.length, rejected: rejected.length, idle: false };
  }

  private settlePayment(item: PendingItem, record: PaymentRecord, sentAt?: string): void {
    if (record.status === 'approved') this.deps.queue.settle({ confirmed: [{ item, serverId: record.id }], rejected: [] }, sentAt);
    else this.settleDeclined(item, record.declineCode ?? 'card_declined', record.id, sentAt);
  }

  /** Delivered (the API holds it, declined) and handed to the payments area in the same transaction. */
  private settleDeclined(item: PendingItem, declineCode: string, serverId: string | null, sentAt?: string): void {
    writeTransaction(this.deps.db, (tx) => {
      this.deps.queue.settle({ confirmed: [{ item, serverId }], rejected: [] }, sentAt);
      this.recordDecline(tx, item, declineCode);
    });
  }

  private recordDecline(tx: Tx, item: PendingItem, declineCode: string): void {
    let transactionClientId = '';
    try {
      transactionClientId = String((JSON.parse(item.payloadJson) as { transactionClientId?: unknown }).transactionClientId ?? '');
    } catch {
      // A payload that cannot be read still has its client id: the payments area finds the sale by it.
    }
    this.deps.declines.record(tx, { clientId: item.clientId, transactionClientId, declineCode, source: 'delivery' });
  }
}

function refusalReason(error: ApiClientError): string {
  const f = error.failure;
  return f.kind === 'http' ? `${f.code ?? f.status}: ${f.message}` : error.message;
}

type BatchAnswer<K extends string, R> = { index: number } & (
  | { status: 'rejected'; clientId: string | null; error: { code: string; message: string } }
  | ({ status: 'created' | 'duplicate' } & Record<K, R>)
);

/**
 * A batch's answers matched to the items sent. An answer about an item not sent, or naming another
 * client id, is ignored: that item stays queued with those the API did not answer for.
 */
function sortAnswers<K extends string, R extends { clientId: string }>(
  items: readonly PendingItem[],
  results: readonly BatchAnswer<K, R>[],
  key: K,
) {
  const held: { item: PendingItem; record: R }[] = [];
  const rejected: { item: PendingItem; reason: string }[] = [];
  for (const result of results) {
    const item = items[result.index];
    if (!item) continue;
    if (result.status === 'rejected') {
      if (result.clientId !== null && result.clientId !== item.clientId) continue;
      rejected.push({ item, reason: `${result.error.code}: ${result.error.message}` });
    } else if (result[key].clientId === item.clientId) {
      held.push({ item, record: result[key] });
    }
  }
  const answered = new Set([...held, ...rejected].map((o) => o.item.seq));
  return { held, rejected, unanswered: items.filter((i) => !answered.has(i.seq)) };
}
