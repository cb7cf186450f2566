import { API_SCOPES, type ApiScope } from '../shared/api/scopes';
import type { FaultInjector } from './faults';
import { Catalog } from './store/catalog';
import { Customers } from './store/customers';
import type { SandboxDb } from './store/database';
import { Events } from './store/events';
import { IdempotencyStore } from './store/idempotency';
import { Ledger } from './store/ledger';
import { Tenants, ENROLLMENT_CODE_TTL_MS } from './store/tenants';
import { Uploads } from './store/uploads';

/** Everything the routes use, built once per sandbox from its database and clock. */
export class SandboxServices {
  readonly tenants: Tenants;
  readonly catalog: Catalog;
  readonly ledger: Ledger;
  readonly uploads: Uploads;
  readonly events: Events;
  readonly idempotency: IdempotencyStore;
  readonly customers: Customers;

  constructor(
    readonly db: SandboxDb,
    readonly now: () => Date,
    readonly faults: FaultInjector,
    idempotencyTtlMs?: number,
  ) {
    this.tenants = new Tenants(db, now);
    this.catalog = new Catalog(db, now);
    this.ledger = new Ledger(db, now);
    this.uploads = new Uploads(db, now);
    this.events = new Events(db, now);
    this.customers = new Customers(db, now);
    this.idempotency = new IdempotencyStore(db, () => now().getTime(), idempotencyTtlMs);
  }

  /** A store with a starter catalog and staff, so a fresh sandbox has something to sell. */
  createStore(name: string, currency: string, address = '') {
    return this.db.transaction(() => {
      const store = this.tenants.createStore(name, currency, address);
      this.catalog.seed(store.id, currency);
      return store;
    })();
  }

  /** The first store, created on first start. */
  defaultStore() {
    return this.tenants.stores()[0] ?? this.createStore('Demo Store', 'EUR', '1 Market Street\n10115 Berlin');
  }

  /** A back-office edit of the store's name or address; its terminals hear of it on the events feed. */
  updateStore(storeId: string, change: { name?: string; address?: string }): boolean {
    return this.db.transaction(() => {
      if (!this.tenants.updateStore(storeId, change)) return false;
      this.events.emit({ storeId, type: 'store.updated', data: { storeId } });
      return true;
    })();
  }

  createEnrollmentCode(storeId: string, scopes: readonly ApiScope[] = API_SCOPES, ttlMs = ENROLLMENT_CODE_TTL_MS, terminalName?: string) {
    return this.tenants.createCode(storeId, scopes, ttlMs, terminalName);
  }

  changePrice(productId: string, priceMinor: number): boolean {
    return this.db.transaction(() => {
      const changed = this.catalog.setPrice(productId, priceMinor);
      if (changed) this.events.emit({ storeId: changed.storeId, type: 'catalog.updated', data: { cursor: String(changed.seq - 1) } });
      return changed !== null;
    })();
  }

  addStaff(storeId: string, name: string, role: 'cashier' | 'manager' | 'admin'): string {
    return this.db.transaction(() => {
      const id = this.catalog.addStaff(storeId, name, role);
      const seq = this.catalog.staff(storeId).find((s) => s.id === id)?.seq ?? 1;
      this.events.emit({ storeId, type: 'staff.updated', data: { cursor: String(seq - 1) } });
      return id;
    })();
  }

  declineAfterForward(paymentId: string, declineCode: 'card_declined' | 'insufficient_funds' = 'card_declined'): boolean {
    return this.db.transaction(() => {
      const payment = this.ledger.declineAfterForward(paymentId, declineCode);
      if (!payment) return false;
      this.events.emit({
        storeId: payment.storeId,
        terminalId: payment.terminalId,
        type: 'payment.declined_after_forward',
        data: { paymentId: payment.id, clientId: payment.clientId, transactionClientId: payment.transactionClientId, declineCode },
      });
      return true;
    })();
  }

  revokeTerminal(terminalId: string): boolean {
    return this.db.transaction(() => {
      const terminal = this.tenants.terminal(terminalId);
      if (!terminal || !this.tenants.revoke(terminalId)) return false;
      this.events.emit({ storeId: terminal.store_id, terminalId, type: 'terminal.revoked', data: { terminalId } });
      return true;
    })();
  }
}
