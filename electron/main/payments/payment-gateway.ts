import type { PaymentRecord, PaymentRequest, PaymentReversalRequest } from '../../../shared/api/payments';
import type { DeclineCode } from '../../../shared/domain/card-payment';

/**
 * What online authorization answered; `offline` when the API could not be reached or answer in time.
 * `mayHaveReached` says whether the request may have arrived all the same (a dropped connection or a
 * response timeout), as opposed to never having left (no link, not enrolled).
 */
export type AuthorizeOutcome =
  | { outcome: 'approved'; serverId?: string }
  | { outcome: 'declined'; code: DeclineCode }
  | { outcome: 'offline'; mayHaveReached?: boolean };

/** A payment looked up by its client id: as the API holds it, not held at all, or no answer. */
export type LookupOutcome = { outcome: 'found'; record: PaymentRecord } | { outcome: 'not_found' } | { outcome: 'unreachable' };

/** `not_charged`: nothing to void, and the client id can no longer charge. */
export type ReverseOutcome = { outcome: 'reversed' | 'not_charged' } | { outcome: 'unreachable' };

/**
 * Online authorization of one card payment through the NoPOS API (`POST /v1/payments`, the payment's
 * client id as its idempotency key, so a retry never charges twice), the lookup of one by client id,
 * and the reversal of an approval no sale can take. The sync area's API client backs it; the
 * payments area depends only on this.
 */
export interface PaymentGateway {
  authorize(request: PaymentRequest): Promise<AuthorizeOutcome>;
  lookup(clientId: string): Promise<LookupOutcome>;
  reverse(clientId: string, reason: PaymentReversalRequest['reason']): Promise<ReverseOutcome>;
}

/** A terminal that is not enrolled has no API to ask: every card payment goes the offline way. */
export const unreachableGateway: PaymentGateway = {
  authorize: () => Promise.resolve({ outcome: 'offline', mayHaveReached: false }),
  lookup: () => Promise.resolve({ outcome: 'unreachable' }),
  reverse: () => Promise.resolve({ outcome: 'unreachable' }),
};
