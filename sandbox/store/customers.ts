import type { z } from 'zod';
import type { customerErasureRequestSchema, customerUpsertRequestSchema, receiptEmailRequestSchema } from '../../shared/api/customers';
import type { SandboxDb } from './database';
import { newId } from './ids';

type Upsert = z.output<typeof customerUpsertRequestSchema>;
type Erasure = z.output<typeof customerErasureRequestSchema>;
type ReceiptEmail = z.output<typeof receiptEmailRequestSchema>;

interface CustomerRow {
  id: string;
  store_id: string;
  customer_id: string;
  body: string | null;
  updated_at: string;
  erased_at: string | null;
}
interface EmailRow {
  id: string;
  terminal_id: string;
  customer_id: string;
  receipt_number: string;
  to_addr: string | null;
  subject: string;
  html: string | null;
  text: string | null;
  received_at: string;
}

/**
 * Customers per store and the receipts the API e-mails for terminals ("sent" means kept here, for the
 * back office and tests to read). Erasure blanks the person everywhere the sandbox holds them; an
 * erased customer is never brought back by a late upsert.
 */
export class Customers {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {}

  upsert(storeId: string, body: Upsert): { id: string; customerId: string; updatedAt: string; erased: boolean } {
    return this.db.transaction(() => {
      const existing = this.row(storeId, body.customerId);
      if (existing?.erased_at) return { id: existing.id, customerId: body.customerId, updatedAt: existing.updated_at, erased: true };
      const id = existing?.id ?? newId('cus');
      this.db
        .prepare(
          'INSERT INTO customers (id, store_id, customer_id, body, updated_at, erased_at) VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (store_id, customer_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
        )
        .run(id, storeId, body.customerId, JSON.stringify(body), body.updatedAt);
      return { id, customerId: body.customerId, updatedAt: body.updatedAt, erased: false };
    })();
  }

  erase(storeId: string, customerId: string, request: Erasure): { customerId: string; erasedAt: string } {
    return this.db.transaction(() => {
      const existing = this.row(storeId, customerId);
      const erasedAt = existing?.erased_at ?? request.erasedAt;
      this.db
        .prepare(
          'INSERT INTO customers (id, store_id, customer_id, body, updated_at, erased_at) VALUES (?, ?, ?, NULL, ?, ?) ON CONFLICT (store_id, customer_id) DO UPDATE SET body = NULL, erased_at = coalesce(customers.erased_at, excluded.erased_at)',
        )
        .run(existing?.id ?? newId('cus'), storeId, customerId, this.now().toISOString(), erasedAt);
      this.db.prepare('UPDATE receipt_emails SET to_addr = NULL, html = NULL, text = NULL WHERE customer_id = ?').run(customerId);
      return { customerId, erasedAt };
    })();
  }

  /** Refused when the customer was erased: the address is gone. */
  queueEmail(storeId: string, terminalId: string, email: ReceiptEmail): { id: string; status: 'queued' } | null {
    if (this.row(storeId, email.customerId)?.erased_at) return null;
    const id = newId('eml');
    this.db
      .prepare(
        'INSERT INTO receipt_emails (id, terminal_id, customer_id, receipt_number, to_addr, subject, html, text, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        terminalId,
        email.customerId,
        email.receiptNumber,
        email.to,
        email.subject,
        email.html,
        email.text,
        this.now().toISOString(),
      );
    return { id, status: 'queued' };
  }

  customer(storeId: string, customerId: string): { body: Upsert | null; erasedAt: string | null } | null {
    const row = this.row(storeId, customerId);
    return row ? { body: row.body ? (JSON.parse(row.body) as Upsert) : null, erasedAt: row.erased_at } : null;
  }

  recentCustomers(limit = 100) {
    return (this.db.prepare('SELECT * FROM customers ORDER BY updated_at DESC, id LIMIT ?').all(limit) as CustomerRow[]).map((r) => {
      const body = r.body ? (JSON.parse(r.body) as Upsert) : null;
      return {
        id: r.id,
        storeId: r.store_id,
        customerId: r.customer_id,
        name: body?.name ?? null,
        email: body?.email ?? null,
        consents: body?.consents.length ?? 0,
        updatedAt: r.updated_at,
        erasedAt: r.erased_at,
      };
    });
  }

  recentEmails(limit = 100) {
    return (this.db.prepare('SELECT * FROM receipt_emails ORDER BY received_at DESC, id LIMIT ?').all(limit) as EmailRow[]).map((r) => ({
      id: r.id,
      terminalId: r.terminal_id,
      customerId: r.customer_id,
      receiptNumber: r.receipt_number,
      to: r.to_addr,
      subject: r.subject,
      html: r.html,
      text: r.text,
      receivedAt: r.received_at,
    }));
  }

  private row(storeId: string, customerId: string): CustomerRow | undefined {
    return this.db.prepare('SELECT * FROM customers WHERE store_id = ? AND customer_id = ?').get(storeId, customerId) as
      CustomerRow | undefined;
  }
}
