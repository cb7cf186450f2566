import type { Settings } from '../../../shared/domain/settings';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { AuditTrail } from '../audit/audit-trail';
import type { Handlers } from '../ipc/registry';
import type { Db } from '../storage/db';
import { startPeriodic } from '../timers/periodic';
import type { DeclaredKind } from '../sync/declared-kinds';
import type { Outbox } from '../storage/outbox';
import { CustomerErasure } from './customer-erasure';
import { CustomerExport } from './customer-export';
import { CUSTOMER_KINDS, customerKinds } from './customer-kinds';
import { CustomerRepository } from './customer-repository';
import { CustomerService } from './customer-service';
import { createCustomersHandlers } from './customers-handlers';
import { ErasureBook } from './erasure-book';
import type { ExportDestination } from './export-destination';
import type { RenderedReceipt } from './receipt-email';
import { ReceiptEmails } from './receipt-emails';

export type { ExportDestination } from './export-destination';
export { folderDestination } from './export-destination';
export type { RenderedReceipt } from './receipt-email';

/** The outbox kinds the customers area queues (shared/domain/outbox-kinds.ts); it delivers them itself. */
export const CUSTOMERS_OUTBOX_KINDS = Object.values(CUSTOMER_KINDS);

/** What the customers area needs from the terminal and from other areas. */
export interface CustomersPorts {
  db: Db;
  now: () => Date;
  settings: () => Settings;
  audit: AuditTrail;
  outbox: Outbox;
  /** Register: a sale's status (open, parked, completed, voided), or null. */
  saleStatus: (saleId: string) => string | null;
  /** Register: the sale a receipt number belongs to, or null. */
  saleOfReceipt: (receiptNumber: string) => string | null;
  /** Receipts: a receipt's document as it printed first, and its page (for e-mail). */
  receiptDocument: (receiptNumber: string) => RenderedReceipt | null;
  /** Where a manager's export is saved (a save dialog run by main); none: exports are unavailable. */
  exports: ExportDestination | null;
  log: (entry: Record<string, unknown>) => void;
}

export interface Customers {
  handlers: Pick<Handlers<NoposContract>, 'customers'>;
  /** How sync delivers the outbox kinds this area declares: each request built from its tables at send time. */
  outboxKinds: DeclaredKind[];
  erasure: CustomerErasure;
  /** Runs erasures whose legal hold has ended, now and every hour. Returns the stop function. */
  start(): () => void;
}

const HOUR_MS = 3_600_000;

/** The customers area: records, consent, e-mailed receipts, export and erasure (docs/compliance/gdpr.md). */
export function createCustomers(ports: CustomersPorts): Customers {
  const { db, now, audit } = ports;
  const outbox = ports.outbox.writer(CUSTOMERS_OUTBOX_KINDS);
  const customers = new CustomerRepository(db);
  const erasures = new ErasureBook(db);
  const service = new CustomerService({ db, now, audit, outbox, customers, erasures, saleStatus: ports.saleStatus });
  const erasure = new CustomerErasure({
    db,
    now,
    audit,
    outbox,
    customers,
    erasures,
    service,
    holdDays: () => ports.settings().policies.privacy.erasureHoldDays,
  });
  const exporter = new CustomerExport({
    db,
    now,
    audit,
    customers,
    service,
    destination: ports.exports,
    controller: () => ({ store: ports.settings().store.name, terminal: ports.settings().terminal.id }),
  });
  const emails = new ReceiptEmails({ db, now, audit, outbox, customers, saleOfReceipt: ports.saleOfReceipt });
  return {
    handlers: { customers: createCustomersHandlers({ service, erasure, exporter, emails }) },
    outboxKinds: customerKinds({ customers, receiptDocument: ports.receiptDocument, storeName: () => ports.settings().store.name }),
    erasure,
    start: () =>
      startPeriodic(
        () => erasure.runDue(),
        HOUR_MS,
        (error) => ports.log({ event: 'customers.erasure_failed', error: error instanceof Error ? error.name : typeof error }),
      ),
  };
}
