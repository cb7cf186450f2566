import { consentWording, type ConsentTextTable } from '../../../shared/domain/customer';
import { formatMinor } from '../../../shared/domain/money';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../storage/db';
import type { CustomerRepository } from './customer-repository';
import type { CustomerService } from './customer-service';
import { writeExport, type ExportDestination } from './export-destination';
import { textPdf } from './text-pdf';

export interface CustomerExportDeps {
  db: Db;
  now: () => Date;
  audit: Pick<AuditTrail, 'record'>;
  customers: CustomerRepository;
  service: CustomerService;
  destination: ExportDestination | null;
  controller: () => { store: string; terminal: string };
  /** Every consent text version; the shared table unless a test brings its own history. */
  consentTexts?: ConsentTextTable;
}

export type ExportOutcome = { outcome: 'saved'; files: string[] } | { outcome: 'cancelled'; files: [] };

/** Right of access and portability (GDPR art. 15 and 20): every fact the terminal holds, as JSON and as a readable PDF. */
export class CustomerExport {
  constructor(private readonly deps: CustomerExportDeps) {}

  facts(customerId: string) {
    const record = this.deps.service.record(customerId);
    const emails = this.deps.db
      .prepare(
        "SELECT json_extract(payload_json, '$.receiptNumber') AS receiptNumber, created_at AS requestedAt, status FROM outbox WHERE kind = 'receipt.email' AND json_extract(payload_json, '$.customerId') = ? ORDER BY seq",
      )
      .all(customerId) as { receiptNumber: string; requestedAt: string; status: string }[];
    return {
      format: 'nopos-customer-export/1',
      exportedAt: this.deps.now().toISOString(),
      controller: this.deps.controller(),
      customer: {
        id: record.id,
        name: record.name,
        email: record.email,
        phone: record.phone,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      },
      consents: record.consentHistory.map((c) => ({ ...c, text: consentWording(c.purpose, c.textVersion, this.deps.consentTexts) })),
      sales: this.deps.customers.sales(customerId).map((s) => ({
        receiptNumber: s.receiptNumber,
        completedAt: s.completedAt,
        totalMinor: s.totalMinor,
        currency: s.currency,
        status: s.status,
      })),
      receiptEmails: emails.map((e) => ({ receiptNumber: e.receiptNumber, requestedAt: e.requestedAt, delivered: e.status === 'sent' })),
      erasureDueAt: record.erasureDueAt,
    };
  }

  async export(customerId: string, staffId: string): Promise<ExportOutcome> {
    const facts = this.facts(customerId);
    if (!this.deps.destination) throw new AppError('unavailable', 'This terminal cannot save files.');
    const jsonPath = await this.deps.destination.choose(`customer-${customerId}.json`);
    if (!jsonPath) return { outcome: 'cancelled', files: [] };
    const files = writeExport(
      jsonPath,
      { name: 'json', bytes: Buffer.from(`${JSON.stringify(facts, null, 2)}\n`) },
      { name: 'pdf', bytes: textPdf(readableLines(facts)) },
    );
    this.deps.audit.record({
      action: 'customer.exported',
      actorId: staffId,
      target: `customer:${customerId}`,
      details: { files: files.length },
    });
    return { outcome: 'saved', files };
  }
}

function readableLines(facts: ReturnType<CustomerExport['facts']>): string[] {
  const money = (minor: number | null, currency: string) => (minor === null ? '-' : `${formatMinor(minor, currency)} ${currency}`);
  return [
    '# Your data held by this store',
    `Store: ${facts.controller.store} (terminal ${facts.controller.terminal})`,
    `Exported: ${facts.exportedAt}`,
    '',
    '# You',
    `Name: ${facts.customer.name}`,
    `E-mail: ${facts.customer.email ?? '-'}`,
    `Phone: ${facts.customer.phone ?? '-'}`,
    `Customer id: ${facts.customer.id}`,
    `Added: ${facts.customer.createdAt}   Last changed: ${facts.customer.updatedAt}`,
    ...(facts.erasureDueAt ? [`Erasure requested: runs on ${facts.erasureDueAt}`] : []),
    '',
    '# Consents',
    ...(facts.consents.length
      ? facts.consents.map((c) => `${c.at}  ${c.purpose}: ${c.granted ? 'given' : 'withdrawn'} (text ${c.textVersion}, staff ${c.staffId})`)
      : ['None.']),
    '',
    '# Purchases',
    ...(facts.sales.length
      ? facts.sales.map((s) => `${s.completedAt ?? 'open'}  ${s.receiptNumber ?? '-'}  ${money(s.totalMinor, s.currency)}  ${s.status}`)
      : ['None.']),
    '',
    '# E-mailed receipts',
    ...(facts.receiptEmails.length
      ? facts.receiptEmails.map(
          (e) => `${e.requestedAt}  ${e.receiptNumber}  ${e.delivered ? 'handed to NoPOS for sending' : 'waiting to sync'}`,
        )
      : ['None.']),
  ];
}
