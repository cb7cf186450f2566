import { z } from 'zod';
import {
  consentGrantSchema,
  consentPurposeSchema,
  customerIdSchema,
  customerInputSchema,
  customerRecordSchema,
  customerSummarySchema,
  erasureOutcomeSchema,
} from '../../domain/customer';
import { safeTextSchema } from '../../domain/customer-text';
import { clientIdSchema } from '../../domain/sale';
import { channel } from '../contract-kit';

const byId = z.object({ customerId: customerIdSchema }).strict();
const bySale = z.object({ saleId: clientIdSchema }).strict();

/**
 * Customers: cashiers find, add and attach them and record consent (`create:transactions`) and see
 * names with masked contact details; managers see and change the record, export it and erase it.
 */
export const customersChannels = {
  search: channel({
    request: z.object({ query: safeTextSchema(80).pipe(z.string().min(2, 'at least 2 characters')) }).strict(),
    response: z.array(customerSummarySchema).max(20),
    access: 'create:transactions',
  }),
  /** The consent texts to show, with their versions. */
  consentTexts: channel({
    request: z.undefined(),
    response: z.record(consentPurposeSchema, z.object({ version: z.string(), text: z.string() }).strict()),
    access: 'create:transactions',
  }),
  create: channel({
    request: z.object({ customer: customerInputSchema, consents: z.array(consentGrantSchema).max(2) }).strict(),
    response: customerSummarySchema,
    access: 'create:transactions',
  }),
  summary: channel({ request: byId, response: customerSummarySchema, access: 'create:transactions' }),
  giveConsent: channel({
    request: byId.extend(consentGrantSchema.shape).strict(),
    response: customerSummarySchema,
    access: 'create:transactions',
  }),
  withdrawConsent: channel({
    request: byId.extend({ purpose: consentPurposeSchema }).strict(),
    response: customerSummarySchema,
    access: 'create:transactions',
  }),
  attach: channel({
    request: bySale.extend({ customerId: customerIdSchema }).strict(),
    response: customerSummarySchema,
    access: 'create:transactions',
  }),
  detach: channel({ request: bySale, response: z.null(), access: 'create:transactions' }),
  ofSale: channel({ request: bySale, response: customerSummarySchema.nullable(), access: 'create:transactions' }),
  /** Queued for the NoPOS API to send; only to the sale's customer, with their consent. */
  emailReceipt: channel({
    request: z.object({ receiptNumber: z.string().min(1).max(60) }).strict(),
    response: z.object({ queued: z.literal(true), to: z.string().max(254) }).strict(),
    access: 'create:transactions',
  }),
  get: channel({ request: byId, response: customerRecordSchema, access: 'manage:customers' }),
  update: channel({
    request: byId.extend({ customer: customerInputSchema }).strict(),
    response: customerRecordSchema,
    access: 'manage:customers',
  }),
  /** JSON and PDF through the save dialog main runs; the page learns the file names only. */
  export: channel({
    request: byId,
    response: z.object({ outcome: z.enum(['saved', 'cancelled']), files: z.array(z.string().max(260)).max(2) }).strict(),
    access: 'manage:customers',
    rateLimit: { burst: 3, perSecond: 0.2 },
  }),
  erase: channel({
    request: byId.extend({ confirm: z.literal(true) }).strict(),
    response: erasureOutcomeSchema,
    access: 'manage:customers',
    rateLimit: { burst: 3, perSecond: 0.2 },
  }),
};
