import { CONSENT_TEXTS } from '../../../shared/domain/customer';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { staffOf } from '../ipc/staff-of';
import type { CustomerErasure } from './customer-erasure';
import type { CustomerExport } from './customer-export';
import type { CustomerService } from './customer-service';
import type { ReceiptEmails } from './receipt-emails';

export interface CustomersHandlerDeps {
  service: CustomerService;
  erasure: CustomerErasure;
  exporter: CustomerExport;
  emails: ReceiptEmails;
}

export function createCustomersHandlers({
  service,
  erasure,
  exporter,
  emails,
}: CustomersHandlerDeps): Handlers<NoposContract>['customers'] {
  return {
    search: ({ query }) => service.search(query),
    consentTexts: () => CONSENT_TEXTS,
    create: ({ customer, consents }, context) => service.create(customer, consents, staffOf(context)),
    summary: ({ customerId }) => service.summary(customerId),
    giveConsent: ({ customerId, purpose, textVersion }, context) =>
      service.giveConsent(customerId, { purpose, textVersion }, staffOf(context)),
    withdrawConsent: ({ customerId, purpose }, context) => service.withdrawConsent(customerId, purpose, staffOf(context)),
    attach: ({ saleId, customerId }, context) => service.attach(saleId, customerId, staffOf(context)),
    detach: ({ saleId }, context) => service.detach(saleId, staffOf(context)),
    ofSale: ({ saleId }) => service.ofSale(saleId),
    emailReceipt: ({ receiptNumber }, context) => emails.request(receiptNumber, staffOf(context)),
    get: ({ customerId }) => service.record(customerId),
    update: ({ customerId, customer }, context) => service.update(customerId, customer, staffOf(context)),
    export: ({ customerId }, context) => exporter.export(customerId, staffOf(context)),
    erase: ({ customerId }, context) => erasure.request(customerId, staffOf(context)),
  };
}
