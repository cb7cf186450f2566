import type { PaymentRecord, PaymentRequest } from '../../../shared/api/payments';
import { declineCodeSchema, type DeclineCode } from '../../../shared/domain/card-payment';
import { AppError } from '../../../shared/ipc/errors';
import type { ApiClient } from '../api-client/api-client';
import { ApiClientError } from '../api-client/api-errors';
import type { Sync } from '../sync/create-sync';
import { unreachableGateway, type AuthorizeOutcome, type PaymentGateway } from './payment-gateway';

export interface ApiGatewayDeps {
  api: Pick<ApiClient, 'createPayment'>;
  /** Read per payment: a terminal enrolled while it runs starts authorizing online at once. */
  enrolled: () => boolean;
  /** The link is known to be down (sync's latest requests went unanswered): do not wait out a timeout. */
  knownDown?: () => boolean;
  log: (entry: Record<string, unknown>) => void;
}

const declineOf = (code: unknown): DeclineCode | null => {
  const parsed = declineCodeSchema.safeParse(code);
  return parsed.success ? parsed.data : null;
};

function outcomeOf(record: PaymentRecord, clientId: string): AuthorizeOutcome {
  if (record.clientId !== clientId) throw new ApiClientError({ kind: 'malformed', what: 'createPayment: client id' });
  if (record.status === 'approved') return { outcome: 'approved' };
  // A replayed answer for a payment already declined (or declined after forwarding) is a decline.
  return { outcome: 'declined', code: declineOf(record.declineCode) ?? 'card_declined' };
}

/**
 * Online authorization through the NoPOS API: `POST /v1/payments` with the payment's client id as
 * its idempotency key, so asking again (a retry, or the same payment forwarded later) never charges
 * twice. A 402 is the processor's decline. Anything that says "not now" (no link, a timeout, a 5xx
 * or 429, credentials the API refuses) is `offline`, and the card tender's policy decides whether to
 * store the payment for forwarding. A request the API refuses as wrong is an error, never stored.
 */
export function apiPaymentGateway(deps: ApiGatewayDeps): PaymentGateway {
  return {
    async authorize(request: PaymentRequest): Promise<AuthorizeOutcome> {
      if (!deps.enrolled()) return unreachableGateway.authorize(request);
      // A customer should not wait 5 s for a connect timeout the terminal can predict; sync keeps probing
      // (at most every 10 s), and its first answer makes the next payment go online again.
      if (deps.knownDown?.()) {
        deps.log({ event: 'payments.authorize_skipped', reason: 'api_known_down' });
        return { outcome: 'offline' };
      }
      try {
        return outcomeOf(await deps.api.createPayment(JSON.stringify(request), request.clientId), request.clientId);
      } catch (error) {
        if (!ApiClientError.is(error)) throw error;
        const f = error.failure;
        const decline = f.kind === 'http' && f.status === 402 ? declineOf(f.code) : null;
        if (decline) return { outcome: 'declined', code: decline };
        deps.log({ event: 'payments.authorize_unavailable', kind: f.kind, ...(f.kind === 'http' ? { status: f.status, code: f.code } : {}) });
        if (f.kind !== 'http' || error.retryable) return { outcome: 'offline' };
        throw new AppError('unavailable', 'The NoPOS API refused this card payment. Take another tender, and tell a manager if it keeps happening.');
      }
    },
  };
}

/** The gateway a host hands the core: the sync area's API client, asked only once the terminal is enrolled. */
export function paymentGatewayFor(sync: Pick<Sync, 'api' | 'enrollment' | 'reachability'>, log: ApiGatewayDeps['log']): PaymentGateway {
  return apiPaymentGateway({ api: sync.api, enrolled: () => sync.enrollment.isEnrolled(), knownDown: () => sync.reachability.knownDown(), log });
}
