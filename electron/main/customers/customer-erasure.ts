import { randomBytes } from 'node:crypto';
import type { ErasureOutcome } from '../../../shared/domain/customer';
import { uuidv7 } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/ipc/errors';
import { writeTransaction } from '../storage/transaction';
import { CUSTOMER_KINDS } from './customer-kinds';
import type { CustomerRecords, CustomerService } from './customer-service';

const DAY_MS = 86_400_000;

export interface CustomerErasureDeps extends CustomerRecords {
  service: CustomerService;
  /** Days an erasure waits after the customer's last sale (refunds, chargebacks, tax): the policy's. */
  holdDays: () => number;
}

/**
 * Erasure (GDPR art. 17) as tax law allows it (17(3)(b)): the person goes, the sales stay. Sales keep
 * their amounts and receipt numbers with the customer reference replaced by a random pseudonym; the
 * customer row and consents are deleted (secure_delete zeroes them in the file) and the WAL is
 * checkpointed so no old page survives there. A customer with a sale inside the hold period is erased
 * when it ends; the request is recorded now and every consent withdrawn at once.
 */
export class CustomerErasure {
  constructor(private readonly deps: CustomerErasureDeps) {}

  request(customerId: string, staffId: string): ErasureOutcome {
    const { customers, erasures } = this.deps;
    if (erasures.wasErased(customerId)) throw new AppError('conflict', 'This customer was already erased.');
    if (!customers.get(customerId)) throw new AppError('not_found', 'No customer with that id on this terminal.');
    const pending = erasures.pendingFor(customerId);
    if (pending)
      throw new AppError('conflict', `An erasure is already recorded for this customer; it runs on ${pending.dueAt.slice(0, 10)}.`);
    const now = this.deps.now();
    const lastSale = customers.lastSaleAt(customerId);
    const dueMs = lastSale ? Date.parse(lastSale) + this.deps.holdDays() * DAY_MS : now.getTime();
    const request = {
      customerId,
      requestedAt: now.toISOString(),
      requestedBy: staffId,
      dueAt: new Date(Math.max(dueMs, now.getTime())).toISOString(),
    };
    if (dueMs <= now.getTime()) {
      writeTransaction(this.deps.db, (tx) => erasures.record(tx, request));
      return this.eraseNow(customerId, staffId, request.requestedAt);
    }
    writeTransaction(this.deps.db, (tx) => {
      erasures.record(tx, request);
      this.deps.service.withdrawAllIn(tx, customerId, staffId);
      this.deps.outbox.enqueue(tx, { clientId: uuidv7(now.getTime()), kind: CUSTOMER_KINDS.upsert, payload: { customerId } });
      this.deps.audit.record({
        action: 'customer.erasure_requested',
        actorId: staffId,
        target: `customer:${customerId}`,
        details: { dueAt: request.dueAt },
      });
    });
    return { status: 'held', customerId, dueAt: request.dueAt };
  }

  /** Erasures whose hold has ended; the customers area runs this at start and every hour. */
  runDue(): number {
    const due = this.deps.erasures.due(this.deps.now());
    // A row already gone still has sales to pseudonymise and an API to tell; skipping it would retry it forever.
    for (const request of due) this.eraseNow(request.customerId, request.requestedBy, request.requestedAt);
    return due.length;
  }

  private eraseNow(customerId: string, requestedBy: string, requestedAt: string): ErasureOutcome {
    const erasedAt = this.deps.now().toISOString();
    const pseudonym = `erased-${randomBytes(12).toString('hex')}`;
    writeTransaction(this.deps.db, (tx) => {
      const sales = this.deps.customers.pseudonymiseSales(tx, customerId, pseudonym);
      this.deps.customers.delete(tx, customerId);
      this.deps.erasures.markErased(tx, customerId, erasedAt);
      this.deps.outbox.enqueue(tx, {
        clientId: uuidv7(Date.parse(erasedAt)),
        kind: CUSTOMER_KINDS.erasure,
        payload: { customerId, requestedAt, erasedAt },
      });
      this.deps.audit.record({
        action: 'customer.erased',
        actorId: requestedBy,
        target: `customer:${customerId}`,
        details: { sales, requestedAt },
      });
    });
    // The deleted pages were zeroed in the new page images; the WAL still holds the old ones until now.
    this.deps.db.pragma('wal_checkpoint(TRUNCATE)');
    return { status: 'erased', customerId, erasedAt };
  }
}
