import { createHash } from 'node:crypto';
import { z } from 'zod';
import { uuidV7Schema } from '../../../shared/api/common';
import type { DeclaredKind } from '../sync/declared-kinds';
import type { CustomerRepository } from './customer-repository';
import { receiptEmail, type RenderedReceipt } from './receipt-email';

/** The outbox kinds of the customers area. Payloads name a customer; the data is read at delivery. */
export const CUSTOMER_KINDS = { upsert: 'customer.upsert', erasure: 'customer.erasure', receiptEmail: 'receipt.email' } as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[keyof typeof CUSTOMER_KINDS];

const upsertPayload = z.object({ customerId: uuidV7Schema }).strict();
const erasurePayload = z.object({ customerId: uuidV7Schema, requestedAt: z.iso.datetime(), erasedAt: z.iso.datetime() }).strict();
const emailPayload = z.object({ customerId: uuidV7Schema, receiptNumber: z.string().min(1).max(60) }).strict();

export interface CustomerKindsDeps {
  customers: CustomerRepository;
  /** The receipt as it prints (first copy), or null when it is not on this terminal any more. */
  receiptDocument: (receiptNumber: string) => RenderedReceipt | null;
  storeName: () => string;
}

const nothingToSend = { serverId: null };

/**
 * How each kind reaches the API. A customer erased (or a consent withdrawn) before delivery means
 * there is nothing left to send: the item is settled and no personal data leaves after erasure.
 */
export function customerKinds(deps: CustomerKindsDeps): DeclaredKind[] {
  const { customers } = deps;
  return [
    {
      kind: CUSTOMER_KINDS.upsert,
      async deliver(item, api) {
        const { customerId } = upsertPayload.parse(JSON.parse(item.payloadJson));
        const row = customers.get(customerId);
        if (!row) return nothingToSend;
        const body = {
          customerId,
          name: row.name,
          email: row.email,
          phone: row.phone,
          consents: customers.consentHistory(customerId),
          saleClientIds: customers.sales(customerId).map((s) => s.saleId),
          updatedAt: row.updated_at,
        };
        // The body is read now, so a retry after a change carries a different body: the key covers both,
        // and an upsert of the same body twice is harmless.
        const key = `${item.clientId}.${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16)}`;
        return { serverId: (await api.upsertCustomer(body, key)).id };
      },
    },
    {
      kind: CUSTOMER_KINDS.erasure,
      async deliver(item, api) {
        const { customerId, requestedAt, erasedAt } = erasurePayload.parse(JSON.parse(item.payloadJson));
        await api.eraseCustomer(customerId, { requestedAt, erasedAt }, item.clientId);
        return nothingToSend;
      },
    },
    {
      kind: CUSTOMER_KINDS.receiptEmail,
      async deliver(item, api) {
        const { customerId, receiptNumber } = emailPayload.parse(JSON.parse(item.payloadJson));
        const row = customers.get(customerId);
        const consent = customers.standingConsent(customerId, 'email_receipts');
        const doc = deps.receiptDocument(receiptNumber);
        if (!row?.email || !consent || !doc) return nothingToSend;
        const email = receiptEmail(doc, deps.storeName());
        const sent = await api.sendReceiptEmail({ customerId, receiptNumber, to: row.email, ...email, consent }, item.clientId);
        return { serverId: sent.id };
      },
    },
  ];
}
