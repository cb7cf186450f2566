import type { ConsentPurpose, ConsentRecord, ConsentState } from '../../../shared/domain/customer';
import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';

export interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

interface ConsentRow {
  purpose: ConsentPurpose;
  granted: number;
  at: string;
  staff_id: string;
  text_version: string;
}

/** A LIKE pattern matching `text` literally. */
const likeOf = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The customers' rows: the only place on the terminal that holds a customer's personal data. */
export class CustomerRepository {
  constructor(private readonly db: Db) {}

  get(id: string): CustomerRow | null {
    return (this.db.prepare('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined) ?? null;
  }

  /** By name, e-mail or phone digits, case-insensitive; at most `limit`, newest first. */
  search(query: string, limit: number): CustomerRow[] {
    const text = query.trim().toLowerCase();
    const digits = text.replace(/\D/g, '');
    return this.db
      .prepare(
        `SELECT * FROM customers WHERE lower(name) LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR (? <> '' AND phone LIKE ? ESCAPE '\\')
         ORDER BY updated_at DESC, id DESC LIMIT ?`,
      )
      .all(likeOf(text), likeOf(text), digits.length >= 3 ? digits : '', likeOf(digits), limit) as CustomerRow[];
  }

  insert(_tx: Tx, row: CustomerRow): void {
    this.db
      .prepare(
        'INSERT INTO customers (id, name, email, phone, created_at, created_by, updated_at) VALUES (@id, @name, @email, @phone, @created_at, @created_by, @updated_at)',
      )
      .run(row);
  }

  update(_tx: Tx, id: string, fields: { name: string; email: string | null; phone: string | null }, at: string): void {
    this.db
      .prepare('UPDATE customers SET name = ?, email = ?, phone = ?, updated_at = ? WHERE id = ?')
      .run(fields.name, fields.email, fields.phone, at, id);
  }

  touch(_tx: Tx, id: string, at: string): void {
    this.db.prepare('UPDATE customers SET updated_at = ? WHERE id = ?').run(at, id);
  }

  addConsent(_tx: Tx, customerId: string, record: ConsentRecord): void {
    this.db
      .prepare('INSERT INTO customer_consents (customer_id, purpose, granted, at, staff_id, text_version) VALUES (?, ?, ?, ?, ?, ?)')
      .run(customerId, record.purpose, record.granted ? 1 : 0, record.at, record.staffId, record.textVersion);
  }

  consentHistory(customerId: string): ConsentRecord[] {
    const rows = this.db
      .prepare('SELECT purpose, granted, at, staff_id, text_version FROM customer_consents WHERE customer_id = ? ORDER BY id')
      .all(customerId) as ConsentRow[];
    return rows.map((r) => ({ purpose: r.purpose, granted: r.granted === 1, at: r.at, staffId: r.staff_id, textVersion: r.text_version }));
  }

  consents(customerId: string): ConsentState {
    const state: ConsentState = { email_receipts: false, marketing: false };
    for (const record of this.consentHistory(customerId)) state[record.purpose] = record.granted;
    return state;
  }

  /** The latest grant of a purpose still standing, or null. */
  standingConsent(customerId: string, purpose: ConsentPurpose): ConsentRecord | null {
    const last = this.consentHistory(customerId)
      .filter((r) => r.purpose === purpose)
      .at(-1);
    return last?.granted ? last : null;
  }

  attachToSale(_tx: Tx, saleId: string, customerRef: string, at: string, staffId: string): void {
    this.db
      .prepare(
        'INSERT INTO sale_customers (sale_id, customer_ref, attached_at, attached_by) VALUES (?, ?, ?, ?) ON CONFLICT (sale_id) DO UPDATE SET customer_ref = excluded.customer_ref, attached_at = excluded.attached_at, attached_by = excluded.attached_by',
      )
      .run(saleId, customerRef, at, staffId);
  }

  detachFromSale(_tx: Tx, saleId: string): void {
    this.db.prepare('DELETE FROM sale_customers WHERE sale_id = ?').run(saleId);
  }

  customerOfSale(saleId: string): string | null {
    return (
      (this.db.prepare('SELECT customer_ref FROM sale_customers WHERE sale_id = ?').get(saleId) as { customer_ref: string } | undefined)
        ?.customer_ref ?? null
    );
  }

  /** Completed sales of a customer, oldest first: receipt number, when, total. */
  sales(customerId: string): {
    saleId: string;
    receiptNumber: string | null;
    completedAt: string | null;
    totalMinor: number | null;
    currency: string;
    status: string;
  }[] {
    return this.db
      .prepare(
        `SELECT s.id AS saleId, d.receipt_number AS receiptNumber, s.completed_at AS completedAt, s.total_minor AS totalMinor, s.currency, s.status
         FROM sale_customers c JOIN sales s ON s.id = c.sale_id LEFT JOIN documents d ON d.ref_id = s.id
         WHERE c.customer_ref = ? ORDER BY s.opened_at, s.id`,
      )
      .all(customerId) as ReturnType<CustomerRepository['sales']>;
  }

  lastSaleAt(customerId: string): string | null {
    return (
      this.db
        .prepare(
          "SELECT max(s.completed_at) AS at FROM sale_customers c JOIN sales s ON s.id = c.sale_id WHERE c.customer_ref = ? AND s.status IN ('completed', 'voided')",
        )
        .get(customerId) as { at: string | null }
    ).at;
  }

  /** Replaces the customer's reference on every sale with the pseudonym. */
  pseudonymiseSales(_tx: Tx, customerId: string, pseudonym: string): number {
    return this.db.prepare('UPDATE sale_customers SET customer_ref = ? WHERE customer_ref = ?').run(pseudonym, customerId).changes;
  }

  delete(_tx: Tx, id: string): void {
    this.db.prepare('DELETE FROM customer_consents WHERE customer_id = ?').run(id);
    this.db.prepare('DELETE FROM customers WHERE id = ?').run(id);
  }
}
