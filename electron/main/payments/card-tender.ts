import { paymentRequestSchema, type PaymentRequest } from '../../../shared/api/payments';
import type { PaymentPolicy } from '../../../shared/domain/card-payment';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { CardReader } from '../devices/card-reader';
import type { AmountDue, PaymentDraft, Tender } from '../sales/tender';
import type { Tx } from '../storage/transaction';
import type { OutboxWriter } from '../storage/outbox';
import { checkOfflinePayment, type OfflineCap, type OfflineLimits } from './offline-limits';
import type { OfflinePaymentStore } from './offline-store';
import type { PaymentGateway } from './payment-gateway';
import { CardCancelled, CardDeclined } from './card-outcomes';
import { tokenFingerprint } from '../secrets/token-fingerprint';
import type { CardAttempts } from './card-attempts';

export interface CardTenderDeps {
  reader: CardReader;
  gateway: PaymentGateway;
  offline: OfflinePaymentStore;
  /** Each online authorization is recorded here before it is sent (see card-attempts.ts). */
  attempts: CardAttempts;
  outbox: OutboxWriter<'payment'>;
  audit: AuditTrail;
  limits: () => OfflineLimits;
  now: () => Date;
  /** Where an offline refusal at the age limit raises its alert. */
  log: (entry: Record<string, unknown>) => void;
}

export interface CardTenderRequest {
  saleId: string;
  paymentId: string;
  currency: string;
  /** Part of what is due (split tender); the whole of it when absent. */
  amountMinor?: number;
  policy: PaymentPolicy;
  staffId: string;
  /** Demands the channel's step-up permission: held, or a manager's approval of this exact request. */
  stepUp: () => { approverId?: string };
}

interface OfflinePermit {
  overCaps: OfflineCap[];
  approverId: string | undefined;
}

/**
 * The card tender: reads a token from the reader, authorizes it online as the payment policy says,
 * or stores it for forwarding within the offline limits. A decline or a cancelled read throws
 * (see card-outcomes.ts) before anything is recorded, so the sale stays open as it was.
 */
export class CardTender implements Tender {
  readonly method = 'card' as const;
  readonly opensDrawer = false;
  private stored: { request: PaymentRequest; permit: OfflinePermit } | null = null;
  /** The attempt this tender opened, and the API's id for it once approved. */
  private attempt: { serverId: string | null } | null = null;
  /** Whether a payment stored offline finds the oldest stored one at the age warning (shown to staff). */
  ageWarning = false;

  constructor(
    private readonly deps: CardTenderDeps,
    private readonly request: CardTenderRequest,
  ) {}

  async settle({ remainingMinor }: AmountDue): Promise<PaymentDraft> {
    const { reader } = this.deps;
    const { policy, currency, saleId, paymentId } = this.request;
    if (remainingMinor <= 0) throw new AppError('conflict', 'Nothing is owed on this sale.');
    const amountMinor = this.request.amountMinor ?? remainingMinor;
    if (amountMinor > remainingMinor) throw new AppError('conflict', 'That is more than is owed on this sale.');

    // Forced offline: refuse or ask for approval before the customer is asked for a card.
    const early = policy === 'force_offline' ? this.permitOffline(amountMinor) : null;
    const read = await reader.read({ amountMinor, currency });
    if (read.outcome === 'cancelled') throw new CardCancelled(read.reason);
    const request: PaymentRequest = {
      clientId: paymentId,
      transactionClientId: saleId,
      amountMinor,
      currency,
      paymentToken: read.token,
      capturedAt: this.deps.now().toISOString(),
      offline: false,
      card: read.card,
    };
    // The token charges the card: it goes only to the API (the request, or the offline payment's own
    // outbox item). The sale, the page and the sale's outbox body keep a fingerprint that cannot be used.
    const card = { paymentTokenRef: tokenFingerprint(read.token), ...read.card };

    if (policy !== 'force_offline') {
      const answer = await this.authorize(request, card);
      if (answer.outcome === 'approved') return { method: 'card', amountMinor, status: 'captured', cash: null, card };
      if (answer.outcome === 'declined') throw new CardDeclined(answer.code);
      if (policy === 'require_online') {
        throw new AppError(
          'unavailable',
          'This card payment needs the network, which is not reachable now. Take cash, or try again when online.',
        );
      }
    }
    const permit = early ?? this.permitOffline(amountMinor);
    this.stored = { request: paymentRequestSchema.parse({ ...request, offline: true }), permit };
    return { method: 'card', amountMinor, status: 'approved_offline', cash: null, card };
  }

  /**
   * Asks the API, with the attempt recorded durably first: a kill while the API approves leaves an
   * open attempt that start-up settles (attached to its sale or reversed), never a silent charge.
   * It closes here when the answer says the card was not charged; an approval closes with the
   * payment's record (recordIn), and an answer that may hide an approval stays open.
   */
  private async authorize(request: PaymentRequest, card: NonNullable<PaymentDraft['card']>) {
    const { attempts, gateway } = this.deps;
    const { saleId, paymentId, staffId } = this.request;
    attempts.begin({
      paymentId,
      saleId,
      amountMinor: request.amountMinor,
      currency: request.currency,
      staffId,
      card,
      startedAt: request.capturedAt,
    });
    this.attempt = { serverId: null };
    let answer;
    try {
      answer = await gateway.authorize(request);
    } catch (error) {
      // Refused as wrong by the API: nothing was charged.
      if (error instanceof AppError) attempts.settle(paymentId, 'not_charged');
      throw error;
    }
    if (answer.outcome === 'approved') this.attempt.serverId = answer.serverId ?? null;
    if (answer.outcome === 'declined') attempts.settle(paymentId, 'declined');
    if (answer.outcome === 'offline' && answer.mayHaveReached === false) attempts.settle(paymentId, 'not_charged');
    return answer;
  }

  /** This process no longer holds the attempt: if it is still open, the resolver may settle it. */
  release(): void {
    this.deps.attempts.done(this.request.paymentId);
  }

  private permitOffline(amountMinor: number): OfflinePermit {
    const { currency, saleId, staffId } = this.request;
    const check = checkOfflinePayment(this.deps.limits(), this.deps.offline.stored(currency), amountMinor, this.deps.now());
    if (!check.allowed) {
      this.deps.audit.record({
        action: 'payment.offline_refused',
        actorId: staffId,
        target: saleId,
        amount: { minor: amountMinor, currency },
        details: { reason: check.reason },
      });
      this.deps.log({ event: 'payments.offline_age_limit', alert: true, saleId });
      throw new AppError('unavailable', check.message);
    }
    this.ageWarning = check.ageState === 'warn';
    // Over any cap, or skipping online authorization by choice while the API may well be reachable:
    // the manager's approval is for this exact request, and used up by it.
    const needsApproval = check.overCaps.length > 0 || this.request.policy === 'force_offline';
    const approverId = needsApproval ? this.request.stepUp().approverId : undefined;
    return { overCaps: check.overCaps, approverId };
  }

  /** A payment stored offline is queued for the API in the transaction that records it. */
  recordIn(tx: Tx): void {
    // Approved: the sale holds it now. Stored for forwarding: the outbox item (same client id) does.
    if (this.attempt)
      this.deps.attempts.settleIn(tx, this.request.paymentId, this.stored ? 'forwarded' : 'attached', this.attempt.serverId);
    if (!this.stored) return;
    const { request, permit } = this.stored;
    this.deps.outbox.enqueue(tx, { clientId: request.clientId, kind: 'payment', payload: request });
    this.deps.audit.record({
      action: 'payment.approved_offline',
      actorId: this.request.staffId,
      ...(permit.approverId ? { approverId: permit.approverId } : {}),
      target: request.transactionClientId,
      amount: { minor: request.amountMinor, currency: request.currency },
      details: {
        paymentId: request.clientId,
        overCaps: permit.overCaps.join(',') || null,
        policy: this.request.policy,
        brand: request.card.brand,
      },
    });
  }
}

// Where the sale and the page got it from before it moved below the areas (the export needs it too).
export { tokenFingerprint };
