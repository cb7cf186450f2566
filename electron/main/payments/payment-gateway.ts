import type { PaymentRequest } from '../../../shared/api/payments';
import type { DeclineCode } from '../../../shared/domain/card-payment';

/** What online authorization answered; `offline` when the API could not be reached or answer in time. */
export type AuthorizeOutcome = { outcome: 'approved' } | { outcome: 'declined'; code: DeclineCode } | { outcome: 'offline' };

/**
 * Online authorization of one card payment through the NoPOS API (`POST /v1/payments`, the payment's
 * client id as its idempotency key, so a retry never charges twice). The sync area's API client backs
 * it; the payments area depends only on this.
 */
export interface PaymentGateway {
  authorize(request: PaymentRequest): Promise<AuthorizeOutcome>;
}

/** A terminal that is not enrolled has no API to ask: every card payment goes the offline way. */
export const unreachableGateway: PaymentGateway = {
  authorize: () => Promise.resolve({ outcome: 'offline' }),
};
