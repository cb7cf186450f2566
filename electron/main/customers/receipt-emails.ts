import { maskEmail } from '../../../shared/domain/customer';
import { uuidv7 } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../storage/db';
import { writeTransaction } from '../storage/transaction';
import type { OutboxWriter } from '../storage/outbox';
import type { CustomerKind } from './customer-kinds';
import type { CustomerRepository } from './customer-repository';
import { CUSTOMER_KINDS } from './customer-kinds';

export interface ReceiptEmailsDeps {
  db: Db;
  now: () => Date;
  audit: Pick<AuditTrail, 'record'>;
  outbox: OutboxWriter<CustomerKind>;
  customers: CustomerRepository;
  /** The sale a receipt number belongs to; null for refunds, voids and unknown numbers. */
  saleOfReceipt: (receiptNumber: string) => string | null;
}

/**
 * E-mailed receipts are queued for the NoPOS API, which sends them; the terminal never sends mail.
 * Only to the sale's customer, only with their consent standing, checked again at delivery.
 */
export class ReceiptEmails {
  constructor(private readonly deps: ReceiptEmailsDeps) {}

  request(receiptNumber: string, staffId: string): { queued: true; to: string } {
    const saleId = this.deps.saleOfReceipt(receiptNumber);
    if (!saleId) throw new AppError('not_found', 'No sale with that receipt number on this terminal.');
    const customerId = this.deps.customers.customerOfSale(saleId);
    const customer = customerId ? this.deps.customers.get(customerId) : null;
    if (!customerId || !customer) throw new AppError('conflict', 'No customer is attached to this sale.');
    if (!customer.email || !this.deps.customers.standingConsent(customerId, 'email_receipts')) {
      throw new AppError('conflict', 'This customer has not agreed to e-mailed receipts: ask, and record their consent first.');
    }
    writeTransaction(this.deps.db, (tx) => {
      this.deps.outbox.enqueue(tx, {
        clientId: uuidv7(this.deps.now().getTime()),
        kind: CUSTOMER_KINDS.receiptEmail,
        payload: { customerId, receiptNumber },
      });
      // No customer id: the audit trail outlives an erasure and must not lead back to the person's sales.
      this.deps.audit.record({ action: 'receipt.emailed', actorId: staffId, target: receiptNumber });
    });
    return { queued: true, to: maskEmail(customer.email) };
  }
}
