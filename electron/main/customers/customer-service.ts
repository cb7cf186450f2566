import {
  CONSENT_TEXTS,
  maskEmail,
  maskPhone,
  type ConsentPurpose,
  type CustomerRecord,
  type CustomerSummary,
} from '../../../shared/domain/customer';
import { uuidv7 } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../storage/db';
import { writeTransaction, type Tx } from '../storage/transaction';
import type { OutboxWriter } from '../storage/outbox';
import type { CustomerKind } from './customer-kinds';
import type { CustomerRepository, CustomerRow } from './customer-repository';
import { CUSTOMER_KINDS } from './customer-kinds';
import type { ErasureBook } from './erasure-book';

export interface CustomerInput {
  name: string;
  email: string | null;
  phone: string | null;
}

export interface ConsentGrant {
  purpose: ConsentPurpose;
  textVersion: string;
}

/** What every customer operation writes to: the records, the erasure book, the audit trail and the outbox. */
export interface CustomerRecords {
  db: Db;
  now: () => Date;
  audit: Pick<AuditTrail, 'record'>;
  outbox: OutboxWriter<CustomerKind>;
  customers: CustomerRepository;
  erasures: ErasureBook;
}

export interface CustomerServiceDeps extends CustomerRecords {
  /** The register's answer: the sale's status, or null when there is no such sale. */
  saleStatus: (saleId: string) => string | null;
}

export function toSummary(row: CustomerRow, consents: CustomerSummary['consents']): CustomerSummary {
  return {
    id: row.id,
    name: row.name,
    maskedEmail: row.email ? maskEmail(row.email) : null,
    maskedPhone: row.phone ? maskPhone(row.phone) : null,
    consents,
  };
}

/**
 * Customers at the till: found or added on the spot, attached to a sale, consents given and withdrawn.
 * Every change is queued for the API in the same transaction (the item names the customer; the data
 * is read at delivery) and audited by customer id only: the audit trail never holds personal data.
 */
export class CustomerService {
  constructor(private readonly deps: CustomerServiceDeps) {}

  private existing(id: string): CustomerRow {
    const row = this.deps.customers.get(id);
    if (!row)
      throw new AppError(
        'not_found',
        this.deps.erasures.wasErased(id) ? 'This customer was erased.' : 'No customer with that id on this terminal.',
      );
    return row;
  }

  private queueUpsert(tx: Tx, customerId: string): void {
    this.deps.outbox.enqueue(tx, { clientId: uuidv7(this.deps.now().getTime()), kind: CUSTOMER_KINDS.upsert, payload: { customerId } });
  }

  private checkVersion(grant: ConsentGrant): void {
    if (CONSENT_TEXTS[grant.purpose].version !== grant.textVersion) {
      throw new AppError('conflict', 'The consent text shown is not the current one: show the customer the current text and ask again.');
    }
  }

  summary(id: string): CustomerSummary {
    const row = this.existing(id);
    return toSummary(row, this.deps.customers.consents(id));
  }

  search(query: string): CustomerSummary[] {
    return this.deps.customers.search(query, 20).map((row) => toSummary(row, this.deps.customers.consents(row.id)));
  }

  record(id: string): CustomerRecord {
    const row = this.existing(id);
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      consents: this.deps.customers.consents(id),
      consentHistory: this.deps.customers.consentHistory(id),
      sales: this.deps.customers.sales(id).length,
      erasureDueAt: this.deps.erasures.pendingFor(id)?.dueAt ?? null,
    };
  }

  create(input: CustomerInput, consents: readonly ConsentGrant[], staffId: string): CustomerSummary {
    consents.forEach((grant) => this.checkVersion(grant));
    if (consents.some((c) => c.purpose === 'email_receipts') && !input.email) {
      throw new AppError('invalid_request', 'E-mailed receipts need an e-mail address.');
    }
    const at = this.deps.now().toISOString();
    const id = uuidv7(this.deps.now().getTime());
    writeTransaction(this.deps.db, (tx) => {
      this.deps.customers.insert(tx, { id, ...input, created_at: at, created_by: staffId, updated_at: at });
      for (const grant of consents)
        this.deps.customers.addConsent(tx, id, { purpose: grant.purpose, granted: true, at, staffId, textVersion: grant.textVersion });
      this.queueUpsert(tx, id);
      this.deps.audit.record({
        action: 'customer.created',
        actorId: staffId,
        target: `customer:${id}`,
        details: { consents: consents.map((c) => c.purpose).join(',') },
      });
    });
    return this.summary(id);
  }

  update(id: string, input: CustomerInput, staffId: string): CustomerRecord {
    this.existing(id);
    if (this.deps.erasures.pendingFor(id))
      throw new AppError('conflict', 'An erasure is recorded for this customer: the record is no longer changed.');
    if (!input.email && this.deps.customers.standingConsent(id, 'email_receipts')) {
      throw new AppError('invalid_request', 'Withdraw the e-mailed receipts consent before removing the e-mail address.');
    }
    writeTransaction(this.deps.db, (tx) => {
      this.deps.customers.update(tx, id, input, this.deps.now().toISOString());
      this.queueUpsert(tx, id);
      this.deps.audit.record({ action: 'customer.changed', actorId: staffId, target: `customer:${id}` });
    });
    return this.record(id);
  }

  giveConsent(id: string, grant: ConsentGrant, staffId: string): CustomerSummary {
    const row = this.existing(id);
    this.checkVersion(grant);
    if (this.deps.erasures.pendingFor(id))
      throw new AppError('conflict', 'An erasure is recorded for this customer: no new consent is taken.');
    if (grant.purpose === 'email_receipts' && !row.email)
      throw new AppError('invalid_request', 'E-mailed receipts need an e-mail address.');
    this.recordConsent(id, grant.purpose, true, grant.textVersion, staffId);
    return this.summary(id);
  }

  /** One action, whatever was given before; withdrawing what was never given changes nothing. */
  withdrawConsent(id: string, purpose: ConsentPurpose, staffId: string): CustomerSummary {
    this.existing(id);
    const standing = this.deps.customers.standingConsent(id, purpose);
    if (standing) this.recordConsent(id, purpose, false, standing.textVersion, staffId);
    return this.summary(id);
  }

  /** Inside the caller's transaction when there is one (erasure withdraws everything). */
  withdrawAllIn(tx: Tx, id: string, staffId: string): void {
    const at = this.deps.now().toISOString();
    for (const purpose of ['email_receipts', 'marketing'] as const) {
      const standing = this.deps.customers.standingConsent(id, purpose);
      if (standing) this.deps.customers.addConsent(tx, id, { purpose, granted: false, at, staffId, textVersion: standing.textVersion });
    }
  }

  private recordConsent(id: string, purpose: ConsentPurpose, granted: boolean, textVersion: string, staffId: string): void {
    const at = this.deps.now().toISOString();
    writeTransaction(this.deps.db, (tx) => {
      this.deps.customers.addConsent(tx, id, { purpose, granted, at, staffId, textVersion });
      this.deps.customers.touch(tx, id, at);
      this.queueUpsert(tx, id);
      this.deps.audit.record({
        action: granted ? 'customer.consent_given' : 'customer.consent_withdrawn',
        actorId: staffId,
        target: `customer:${id}`,
        details: { purpose, textVersion },
      });
    });
  }

  attach(saleId: string, customerId: string, staffId: string): CustomerSummary {
    this.existing(customerId);
    // A new sale would push the hold's end out and link the person to more purchases.
    if (this.deps.erasures.pendingFor(customerId))
      throw new AppError('conflict', 'An erasure is recorded for this customer: they are not attached to new sales.');
    const status = this.deps.saleStatus(saleId);
    if (status === null) throw new AppError('not_found', 'No sale with that id on this terminal.');
    if (status !== 'open' && status !== 'parked') throw new AppError('conflict', 'A customer is attached while the sale is open.');
    writeTransaction(this.deps.db, (tx) => {
      this.deps.customers.attachToSale(tx, saleId, customerId, this.deps.now().toISOString(), staffId);
      this.queueUpsert(tx, customerId);
      // No customer id here: the audit trail outlives an erasure and must not lead back to the person's sales.
      this.deps.audit.record({ action: 'customer.attached', actorId: staffId, target: `sale:${saleId}` });
    });
    return this.summary(customerId);
  }

  detach(saleId: string, staffId: string): null {
    const status = this.deps.saleStatus(saleId);
    if (status !== 'open' && status !== 'parked') throw new AppError('conflict', 'A customer is removed while the sale is open.');
    const ref = this.deps.customers.customerOfSale(saleId);
    if (!ref) return null;
    writeTransaction(this.deps.db, (tx) => {
      this.deps.customers.detachFromSale(tx, saleId);
      if (this.deps.customers.get(ref)) this.queueUpsert(tx, ref);
      this.deps.audit.record({ action: 'customer.detached', actorId: staffId, target: `sale:${saleId}` });
    });
    return null;
  }

  ofSale(saleId: string): CustomerSummary | null {
    const ref = this.deps.customers.customerOfSale(saleId);
    const row = ref ? this.deps.customers.get(ref) : null;
    return row ? toSummary(row, this.deps.customers.consents(row.id)) : null;
  }
}
