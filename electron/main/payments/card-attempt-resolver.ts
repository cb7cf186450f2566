import type { PaymentReversalRequest } from '../../../shared/api/payments';
import { formatMinor } from '../../../shared/domain/money';
import type { SaleView } from '../../../shared/domain/sale';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { CheckoutService, TenderResult } from '../sales/checkout-service';
import type { Tender } from '../sales/tender';
import type { CardAttempt, CardAttempts } from './card-attempts';
import type { PaymentGateway } from './payment-gateway';

export interface ResolverDeps {
  attempts: CardAttempts;
  gateway: PaymentGateway;
  checkout: CheckoutService;
  /** The sale's status, or null when there is no such sale. */
  saleStatus: (saleId: string) => SaleView['status'] | null;
  audit: AuditTrail;
  log: (entry: Record<string, unknown>) => void;
}

export interface ResolveReport {
  /** Approvals found at the API and recorded on their still-open sale. */
  attached: { attempt: CardAttempt; result: TenderResult }[];
  reversed: CardAttempt[];
  /** No answer from the API yet: still open, and they block another card tender on their sale. */
  pending: CardAttempt[];
}

/** What staff see while an attempt is unresolved: what it was for, and that cash still works. */
export function pendingAttemptMessage(attempt: CardAttempt): string {
  return (
    `A card payment of ${formatMinor(attempt.amountMinor, attempt.currency)} ${attempt.currency} (${attempt.card.brand} ending ${attempt.card.last4}) ` +
    'for this sale was interrupted and NoPOS has not confirmed it yet, so no other card can be charged for it now. ' +
    'Take cash, or try the card again once the terminal is online.'
  );
}

/**
 * Settles the card authorizations a crash (or a lost answer) left open: each is looked up at the API
 * by its client id. Approved: recorded on its sale while that sale is still open and owes at least
 * that much, otherwise reversed at the API. Declined or never received: closed (a reversal blocks
 * the client id first, so a request still on its way cannot charge later). No answer: kept open,
 * and another card tender for that sale waits for it. Runs one at a time.
 */
export class CardAttemptResolver {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ResolverDeps) {}

  /** Every open attempt, or only those of one sale (before a card tender for it). */
  resolve(saleId?: string): Promise<ResolveReport> {
    const run = this.queue.then(() => this.resolveNow(saleId));
    this.queue = run.catch(() => undefined);
    return run;
  }

  hasOpen(): boolean {
    return this.deps.attempts.open().length > 0;
  }

  private async resolveNow(saleId: string | undefined): Promise<ResolveReport> {
    const report: ResolveReport = { attached: [], reversed: [], pending: [] };
    for (const attempt of this.deps.attempts.open(saleId)) {
      const found = await this.deps.gateway.lookup(attempt.paymentId);
      if (found.outcome === 'unreachable') {
        report.pending.push(attempt);
      } else if (found.outcome === 'not_found') {
        await this.reverse(attempt, 'unresolved_attempt', report);
      } else if (found.record.status === 'approved') {
        const result = await this.attach(attempt, found.record.id);
        if (result) report.attached.push({ attempt, result });
        else await this.reverse(attempt, this.deps.saleStatus(attempt.saleId) === 'open' ? 'sale_changed' : 'sale_closed', report);
      } else {
        this.deps.attempts.settle(attempt.paymentId, found.record.status === 'reversed' ? 'reversed' : 'declined', found.record.id);
      }
    }
    if (report.attached.length || report.reversed.length || report.pending.length) {
      this.deps.log({
        event: 'payments.attempts_resolved',
        attached: report.attached.length,
        reversed: report.reversed.length,
        pending: report.pending.length,
      });
    }
    return report;
  }

  /** Records the approval on its sale, as the tender would have; null when the sale cannot take it. */
  private async attach(attempt: CardAttempt, serverId: string): Promise<TenderResult | null> {
    if (this.deps.saleStatus(attempt.saleId) !== 'open') return null;
    const { attempts, audit } = this.deps;
    const tender: Tender = {
      method: 'card',
      opensDrawer: false,
      settle: ({ remainingMinor }) => {
        if (attempt.amountMinor > remainingMinor) throw new AppError('conflict', 'The sale owes less than the card approval.');
        return { method: 'card', amountMinor: attempt.amountMinor, status: 'captured', cash: null, card: attempt.card };
      },
      recordIn: (tx) => {
        attempts.settleIn(tx, attempt.paymentId, 'attached', serverId);
        audit.record({
          action: 'payment.attempt_attached',
          actorId: null,
          target: attempt.saleId,
          amount: { minor: attempt.amountMinor, currency: attempt.currency },
          details: { paymentId: attempt.paymentId, staffId: attempt.staffId, brand: attempt.card.brand },
        });
      },
    };
    try {
      return await this.deps.checkout.tender(attempt.saleId, attempt.paymentId, tender, attempt.staffId);
    } catch (error) {
      this.deps.log({
        event: 'payments.attempt_not_attached',
        paymentId: attempt.paymentId,
        error: error instanceof AppError ? error.code : 'unexpected',
      });
      return null;
    }
  }

  private async reverse(attempt: CardAttempt, reason: PaymentReversalRequest['reason'], report: ResolveReport): Promise<void> {
    const answer = await this.deps.gateway.reverse(attempt.paymentId, reason);
    if (answer.outcome === 'unreachable') {
      report.pending.push(attempt);
      return;
    }
    if (answer.outcome === 'reversed') report.reversed.push(attempt);
    this.deps.attempts.settle(attempt.paymentId, answer.outcome, null, () => {
      if (answer.outcome !== 'reversed') return;
      this.deps.audit.record({
        action: 'payment.reversed',
        actorId: null,
        target: attempt.saleId,
        amount: { minor: attempt.amountMinor, currency: attempt.currency },
        details: { paymentId: attempt.paymentId, reason, brand: attempt.card.brand },
      });
    });
  }
}
