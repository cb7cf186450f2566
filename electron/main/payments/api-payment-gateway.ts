import type { PaymentRecord, PaymentRequest } from '../../../shared/api/payments';
import { declineCodeSchema, type DeclineCode } from '../../../shared/domain/card-payment';
import { AppError } from '../../../shared/ipc/errors';
import type { ApiClient } from '../api-client/api-client';
import { ApiClientError } from '../api-client/api-errors';
import type { Sync } from '../sync/create-sync';
import { unreachableGateway, type AuthorizeOutcome, type LookupOutcome, type PaymentGateway, type ReverseOutcome } from './payment-gateway';

export interface ApiGatewayDeps {
  api: Pick<ApiClient, 'createPayment' | 'findPayment' | 'reversePayment'>;
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

/** Failures where the request cannot have reached the API: nothing was sent, or no connection was made. */
const NEVER_CONNECTED = /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/;
function mayHaveReached(error: ApiClientError): boolean {
  const f = error.failure;
  if (f.kind === 'not_enrolled' || f.kind === 'insecure_url' || f.kind === 'tls') return false;
  if (f.kind === 'timeout') return f.phase === 'response';
  if (f.kind === 'network') return !NEVER_CONNECTED.test(f.cause);
  return true;
}

function outcomeOf(record: PaymentRecord, clientId: string): AuthorizeOutcome {
  if (record.clientId !== clientId) throw new ApiClientError({ kind: 'malformed', what: 'createPayment: client id' });
  if (record.status === 'approved') return { outcome: 'approved', serverId: record.id };
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
        deps.log({
          event: 'payments.authorize_unavailable',
          kind: f.kind,
          ...(f.kind === 'http' ? { status: f.status, code: f.code } : {}),
        });
        if (f.kind !== 'http' || error.retryable) return { outcome: 'offline', mayHaveReached: mayHaveReached(error) };
        throw new AppError(
          'unavailable',
          'The NoPOS API refused this card payment. Take another tender, and tell a manager if it keeps happening.',
        );
      }
    },
    async lookup(clientId: string): Promise<LookupOutcome> {
      if (!deps.enrolled()) return { outcome: 'unreachable' };
      try {
        const record = await deps.api.findPayment(clientId);
        if (record && record.clientId !== clientId) return { outcome: 'unreachable' };
        return record ? { outcome: 'found', record } : { outcome: 'not_found' };
      } catch (error) {
        if (!ApiClientError.is(error)) throw error;
        deps.log({ event: 'payments.lookup_unavailable', kind: error.failure.kind });
        return { outcome: 'unreachable' };
      }
    },
    async reverse(clientId, reason): Promise<ReverseOutcome> {
      if (!deps.enrolled()) return { outcome: 'unreachable' };
      try {
        const answer = await deps.api.reversePayment(clientId, { reason });
        if (answer.clientId !== clientId) return { outcome: 'unreachable' };
        return { outcome: answer.outcome };
      } catch (error) {
        if (!ApiClientError.is(error)) throw error;
        deps.log({ event: 'payments.reverse_unavailable', kind: error.failure.kind });
        return { outcome: 'unreachable' };
      }
    },
  };
}

/** The gateway a host hands the core: the sync area's API client, asked only once the terminal is enrolled. */
export function paymentGatewayFor(sync: Pick<Sync, 'api' | 'enrollment' | 'reachability'>, log: ApiGatewayDeps['log']): PaymentGateway {
  return apiPaymentGateway({
    api: sync.api,
    enrolled: () => sync.enrollment.isEnrolled(),
    knownDown: () => sync.reachability.knownDown(),
    log,
  });
}
