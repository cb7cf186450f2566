// The payments area's face: card tender (online through the API, stored for forwarding offline),
// offline limits, and declined-after-forward payments a manager resolves.
export { createPayments, paymentDeclinesPort, type Payments, type PaymentsDeps } from './payments-area';
export { paymentGatewayFor } from './api-payment-gateway';
export { unreachableGateway, type PaymentGateway } from './payment-gateway';
export type { AttentionList } from './declined-payments';

/** The outbox kinds the payments area queues (shared/domain/outbox-kinds.ts). */
export const PAYMENTS_OUTBOX_KINDS = ['payment'] as const;
