import { z } from 'zod';
import { catalogPageSchema, pullQuerySchema, staffPageSchema } from './catalog';
import {
  clientIdParamsSchema,
  transactionBatchRequestSchema,
  transactionBatchResponseSchema,
  transactionEnvelopeSchema,
  transactionRecordSchema,
} from './transactions';
import {
  customerErasureRequestSchema,
  customerErasureResponseSchema,
  customerParamsSchema,
  customerRecordSchema,
  customerUpsertRequestSchema,
  receiptEmailRequestSchema,
  receiptEmailResponseSchema,
} from './customers';
import { enrollmentRequestSchema, enrollmentResponseSchema, storeSchema } from './enrollment';

import { eventsPageSchema, eventsQuerySchema } from './events';
import {
  paymentBatchRequestSchema,
  paymentBatchResponseSchema,
  paymentRecordSchema,
  paymentRequestSchema,
  paymentReversalRequestSchema,
  paymentReversalSchema,
} from './payments';
import type { ApiScope } from './scopes';
import {
  auditUploadRequestSchema,
  auditUploadResponseSchema,
  securityEventUploadRequestSchema,
  securityEventUploadResponseSchema,
  serverTimeSchema,
} from './uploads';

/**
 * The NoPOS API v1, one entry per operation: the sandbox serves exactly these, the OpenAPI file is
 * generated from them, and the terminal's client validates against the same schemas.
 * `auth`: 'none' (public) or the scope the API key must hold. Every POST needs an Idempotency-Key,
 * enrollment too: a terminal that lost the answer asks again with the same code and key within 24 h
 * and gets the same credentials, instead of a refusal for a code it spent itself.
 */
export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  auth: 'none' | ApiScope;
  idempotent: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success status and body. */
  status: 200 | 201;
  response: z.ZodType;
}

const route = <R extends ApiRoute>(r: R) => r;

export const API_ROUTES = {
  enroll: route({
    method: 'POST',
    path: '/v1/enrollments',
    summary: 'Exchange a one-time enrollment code for terminal credentials',
    auth: 'none',
    idempotent: true,
    body: enrollmentRequestSchema,
    status: 201,
    response: enrollmentResponseSchema,
  }),
  time: route({
    method: 'GET',
    path: '/v1/time',
    summary: 'Server time, for clock-drift checks',
    auth: 'none',
    idempotent: false,
    status: 200,
    response: serverTimeSchema,
  }),
  store: route({
    method: 'GET',
    path: '/v1/store',
    summary: "The terminal's store: name, currency and address",
    auth: 'read:catalog',
    idempotent: false,
    status: 200,
    response: storeSchema,
  }),
  catalog: route({
    method: 'GET',
    path: '/v1/catalog',
    summary: 'Products and tax categories changed since a cursor',
    auth: 'read:catalog',
    idempotent: false,
    query: pullQuerySchema,
    status: 200,
    response: catalogPageSchema,
  }),
  staff: route({
    method: 'GET',
    path: '/v1/staff',
    summary: 'Staff changed since a cursor',
    auth: 'read:staff',
    idempotent: false,
    query: pullQuerySchema,
    status: 200,
    response: staffPageSchema,
  }),
  createTransaction: route({
    method: 'POST',
    path: '/v1/transactions',
    summary: 'Record one transaction (a duplicate client id returns the stored one)',
    auth: 'create:transactions',
    idempotent: true,
    body: transactionEnvelopeSchema,
    status: 201,
    response: transactionRecordSchema,
  }),
  transactionBatch: route({
    method: 'POST',
    path: '/v1/transactions/batch',
    summary: 'Record up to 100 transactions, one result per item',
    auth: 'create:transactions',
    idempotent: true,
    body: transactionBatchRequestSchema,
    status: 200,
    response: transactionBatchResponseSchema,
  }),
  getTransaction: route({
    method: 'GET',
    path: '/v1/transactions/:clientId',
    summary: 'Look up a transaction by its client id',
    auth: 'read:transactions',
    idempotent: false,
    params: clientIdParamsSchema,
    status: 200,
    response: transactionRecordSchema,
  }),
  createPayment: route({
    method: 'POST',
    path: '/v1/payments',
    summary: 'Record a tokenized card payment; the token decides the outcome',
    auth: 'create:payments',
    idempotent: true,
    body: paymentRequestSchema,
    status: 201,
    response: paymentRecordSchema,
  }),
  paymentBatch: route({
    method: 'POST',
    path: '/v1/payments/batch',
    summary: 'Record up to 100 card payments stored offline, one result per item',
    auth: 'create:payments',
    idempotent: true,
    body: paymentBatchRequestSchema,
    status: 200,
    response: paymentBatchResponseSchema,
  }),
  getPayment: route({
    method: 'GET',
    path: '/v1/payments/:clientId',
    summary: 'Look up a payment by its client id',
    auth: 'read:payments',
    idempotent: false,
    params: clientIdParamsSchema,
    status: 200,
    response: paymentRecordSchema,
  }),
  reversePayment: route({
    method: 'POST',
    path: '/v1/payments/:clientId/reversal',
    summary: 'Void an approved payment the terminal could not attach to its sale (or block one never received)',
    auth: 'create:payments',
    idempotent: true,
    params: clientIdParamsSchema,
    body: paymentReversalRequestSchema,
    status: 200,
    response: paymentReversalSchema,
  }),
  auditUpload: route({
    method: 'POST',
    path: '/v1/audit-trail',
    summary: 'Upload audit entries and the chain head hash',
    auth: 'write:audit',
    idempotent: true,
    body: auditUploadRequestSchema,
    status: 201,
    response: auditUploadResponseSchema,
  }),
  securityEvents: route({
    method: 'POST',
    path: '/v1/security-events',
    summary: 'Upload security events',
    auth: 'write:audit',
    idempotent: true,
    body: securityEventUploadRequestSchema,
    status: 201,
    response: securityEventUploadResponseSchema,
  }),
  upsertCustomer: route({
    method: 'POST',
    path: '/v1/customers',
    summary: 'Create or replace a customer and their consents',
    auth: 'write:customers',
    idempotent: true,
    body: customerUpsertRequestSchema,
    status: 201,
    response: customerRecordSchema,
  }),
  eraseCustomer: route({
    method: 'POST',
    path: '/v1/customers/:customerId/erasure',
    summary: "Erase a customer's personal data (GDPR art. 17)",
    auth: 'write:customers',
    idempotent: true,
    params: customerParamsSchema,
    body: customerErasureRequestSchema,
    status: 201,
    response: customerErasureResponseSchema,
  }),
  sendReceiptEmail: route({
    method: 'POST',
    path: '/v1/receipt-emails',
    summary: 'E-mail a receipt to a customer who consented',
    auth: 'send:receipts',
    idempotent: true,
    body: receiptEmailRequestSchema,
    status: 201,
    response: receiptEmailResponseSchema,
  }),
  events: route({
    method: 'GET',
    path: '/v1/events',
    summary: 'The signed events feed, read with a cursor',
    auth: 'read:events',
    idempotent: false,
    query: eventsQuerySchema,
    status: 200,
    response: eventsPageSchema,
  }),
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof API_ROUTES;
export type RouteBody<N extends ApiRouteName> = (typeof API_ROUTES)[N] extends { body: infer B extends z.ZodType }
  ? z.output<B>
  : undefined;
export type RouteResponse<N extends ApiRouteName> = z.input<(typeof API_ROUTES)[N]['response']>;
