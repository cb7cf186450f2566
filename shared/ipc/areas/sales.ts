import { z } from 'zod';
import { barcodeSchema, productIdSchema, productSchema } from '../../domain/catalog';
import { MAX_TENDER_MINOR } from '../../domain/amount-input';
import { minorUnitsSchema } from '../../domain/money';
import { receiptDocumentSchema } from '../../domain/receipt';
import { voidRequestSchema, voidViewSchema } from '../../domain/refund';
import {
  clientIdSchema,
  MAX_UNIT_QUANTITY,
  discountInputSchema,
  lineIdSchema,
  parkedSaleSchema,
  quantitySchema,
  saleViewSchema,
} from '../../domain/sale';
import { channel } from '../contract-kit';
import { tenderCardRequestSchema, tenderCardResultSchema } from './card-tender';
import { freeText } from '../../domain/free-text';

const noRequest = z.undefined();
// A scanner can fire several codes a second; a person at a keyboard never outpaces this.
const scanRate = { burst: 20, perSecond: 15 };

/** Adding an item either adds it or says, as data, why it could not (not an error: nothing is wrong). */
export const addItemResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('added'), sale: saleViewSchema, lineId: z.string() }).strict(),
  z.object({ outcome: z.literal('unknown_barcode'), code: z.string().max(40) }).strict(),
  z.object({ outcome: z.literal('needs_weight'), product: productSchema }).strict(),
  z.object({ outcome: z.literal('inactive'), product: productSchema }).strict(),
]);
export type AddItemResult = z.infer<typeof addItemResultSchema>;

export const tenderResultSchema = z
  .object({
    sale: saleViewSchema,
    changeMinor: minorUnitsSchema,
    /** Present when this tender completed the sale. */
    receipt: receiptDocumentSchema.nullable(),
  })
  .strict();

/**
 * The cart lives in main, as an open sale in the database: a reload or crash of the page loses
 * nothing. Cart calls act on this terminal's one open sale.
 */
const timesSchema = z.number().int().min(1).max(MAX_UNIT_QUANTITY);

export const salesChannels = {
  current: channel({ request: noRequest, response: saleViewSchema.nullable(), access: 'create:transactions' }),
  /**
   * `quantity` is grams for a weighed product (from the scale) or a count; `times` is the cashier's
   * "5 ×" before a scan: a count of a unit product, refused for a weighed one (weigh it instead).
   */
  addByBarcode: channel({
    request: z.object({ code: barcodeSchema, quantity: quantitySchema.optional(), times: timesSchema.optional() }).strict(),
    response: addItemResultSchema,
    access: 'create:transactions',
    rateLimit: scanRate,
    // A weight typed by hand while a scale is set up (see devices/scale/weighed-by-scale.ts).
    stepUp: 'approve:overrides',
  }),
  addProduct: channel({
    request: z.object({ productId: productIdSchema, quantity: quantitySchema.optional(), times: timesSchema.optional() }).strict(),
    response: addItemResultSchema,
    access: 'create:transactions',
    rateLimit: scanRate,
    // A weight typed by hand while a scale is set up (see devices/scale/weighed-by-scale.ts).
    stepUp: 'approve:overrides',
  }),
  setQuantity: channel({
    request: z.object({ lineId: lineIdSchema, quantity: quantitySchema }).strict(),
    response: saleViewSchema,
    access: 'create:transactions',
    stepUp: 'approve:overrides',
  }),
  removeLine: channel({ request: z.object({ lineId: lineIdSchema }).strict(), response: saleViewSchema, access: 'create:transactions' }),
  /** Empties the cart; refused once a tender has been taken. */
  /** A sale of more lines than `policies.clearApprovalLines` needs `void:transactions` or a manager on the spot. */
  clear: channel({ request: noRequest, response: saleViewSchema.nullable(), access: 'create:transactions', stepUp: 'void:transactions' }),
  /** Up to the policy's percentage anyone may give; above it needs `apply:discounts` or a manager on the spot. */
  discountLine: channel({
    request: z.object({ lineId: lineIdSchema, discount: discountInputSchema.nullable() }).strict(),
    response: saleViewSchema,
    access: 'create:transactions',
    stepUp: 'apply:discounts',
  }),
  discountSale: channel({
    request: z.object({ discount: discountInputSchema.nullable() }).strict(),
    response: saleViewSchema,
    access: 'create:transactions',
    stepUp: 'apply:discounts',
  }),
  park: channel({
    request: z.object({ note: freeText({ max: 60 }).optional() }).strict(),
    response: parkedSaleSchema,
    access: 'create:transactions',
  }),
  listParked: channel({ request: noRequest, response: z.array(parkedSaleSchema), access: 'create:transactions' }),
  resume: channel({ request: z.object({ saleId: clientIdSchema }).strict(), response: saleViewSchema, access: 'create:transactions' }),
  /**
   * Takes cash towards the open sale; completes it when fully paid, in one database transaction.
   * `paymentId` is made by the page once per tender, so a double click or a retry changes nothing.
   */
  tenderCash: channel({
    request: z
      .object({ saleId: clientIdSchema, paymentId: clientIdSchema, givenMinor: minorUnitsSchema.positive().max(MAX_TENDER_MINOR) })
      .strict(),
    response: tenderResultSchema,
    access: 'create:transactions',
  }),
  /**
   * Takes a card payment towards the open sale (with cash, a split tender) through the card reader,
   * online or stored for forwarding as the payment policy and the offline limits allow. Over an
   * offline cap it needs `approve:overrides`, held or approved by a manager for this exact request.
   */
  tenderCard: channel({
    request: tenderCardRequestSchema,
    response: tenderCardResultSchema,
    access: 'create:transactions',
    stepUp: 'approve:overrides',
  }),
  /** The shift's completed sales, newest first, for a reprint or a void. */
  recent: channel({
    request: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    response: z.array(saleViewSchema),
    access: 'create:transactions',
  }),
  void: channel({ request: voidRequestSchema, response: voidViewSchema, access: 'void:transactions' }),
};
