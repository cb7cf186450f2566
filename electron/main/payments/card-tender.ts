import { createHash } from 'node:crypto';
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

export interface CardTenderDeps {
  reader: CardReader;
  gateway: PaymentGateway;
  offline: OfflinePaymentStore;
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
  /** Whether a payment stored offline finds the oldest stored one at the age warning (shown to staff). */
  ageWarning = false;

  constructor(
    private readonly deps: CardTenderDeps,
    private readonly request: CardTenderRequest,
  ) {}

  async settle({ remainingMinor }: AmountDue): Promise<PaymentDraft> {
    const { reader, gateway } = this.deps;
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
      const answer = await gateway.authorize(request);
      if (answer.outcome === 'approved') return { method: 'card', amountMinor, status: 'captured', cash: null, card };
      if (answer.outcome === 'declined') throw new CardDeclined(answer.code);
      if (policy === 'require_online') {
        throw new AppError('unavailable', 'This card payment needs the network, which is not reachable now. Take cash, or try again when online.');
      }
    }
    const permit = early ?? this.permitOffline(amountMinor);
    this.stored = { request: paymentRequestSchema.parse({ ...request, offline: true }), permit };
    return { method: 'card', amountMinor, status: 'approved_offline', cash: null, card };
  }

  private permitOffline(amountMinor: number): OfflinePermit {
    const { currency, saleId, staffId } = this.request;
    const check = checkOfflinePayment(this.deps.limits(), this.deps.offline.stored(currency), amountMinor, this.deps.now());
    if (!check.allowed) {
      this.deps.audit.record({ action: 'payment.offline_refused', actorId: staffId, target: saleId, amount: { minor: amountMinor, currency }, details: { reason: check.reason } });
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
    if (!this.stored) return;
    const { request, permit } = this.stored;
    this.deps.outbox.enqueue(tx, { clientId: request.clientId, kind: 'payment', payload: request });
    this.deps.audit.record({
      action: 'payment.approved_offline',
      actorId: this.request.staffId,
      ...(permit.approverId ? { approverId: permit.approverId } : {}),
      target: request.transactionClientId,
      amount: { minor: request.amountMinor, currency: request.currency },
      details: { paymentId: request.clientId, overCaps: permit.overCaps.join(',') || null, policy: this.request.policy, brand: request.card.brand },
    });
  }
}

/** A non-secret reference to a payment token: enough to match records, useless to charge with. */
export function tokenFingerprint(token: string): string {
  return `tokfp_${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
}
