import type { Migration } from './types';

/**
 * Customers and what GDPR asks of them (and the PCI sign-in mode's admin passphrases). Personal data lives in `customers` and `customer_consents`
 * only: sales point at a customer through `sale_customers`, whose reference is replaced by a random
 * pseudonym at erasure; outbox items name a customer by id and are filled in at delivery, so no
 * queued or sent item ever holds a name, e-mail or phone.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'customers',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Every consent given or withdrawn, never edited: the latest row per purpose is the state.
      CREATE TABLE customer_consents (
        id INTEGER PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        purpose TEXT NOT NULL CHECK (purpose IN ('email_receipts', 'marketing')),
        granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
        at TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        text_version TEXT NOT NULL
      ) STRICT;
      CREATE INDEX customer_consents_customer ON customer_consents (customer_id, purpose, id);

      -- customer_ref is the customer's id, or after erasure a random pseudonym (erased-…). A cleared
      -- (deleted) open sale takes its link with it.
      CREATE TABLE sale_customers (
        sale_id TEXT PRIMARY KEY REFERENCES sales (id) ON DELETE CASCADE,
        customer_ref TEXT NOT NULL,
        attached_at TEXT NOT NULL,
        attached_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sale_customers_ref ON sale_customers (customer_ref);

      -- Erasure requests. customer_id is cleared once erased; id_hash (SHA-256 of the id) remains so a
      -- second request for the same customer is recognised and changes nothing.
      CREATE TABLE customer_erasures (
        id_hash TEXT PRIMARY KEY,
        customer_id TEXT,
        requested_at TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        due_at TEXT NOT NULL,
        erased_at TEXT
      ) STRICT;
      CREATE INDEX customer_erasures_due ON customer_erasures (due_at) WHERE erased_at IS NULL;

      -- PCI sign-in mode: an admin's passphrase (PCI DSS 8.3.6), hashed like PINs (peppered scrypt).
      CREATE TABLE staff_passphrases (
        staff_id TEXT PRIMARY KEY REFERENCES staff (id),
        hash TEXT NOT NULL,
        set_at TEXT NOT NULL
      ) STRICT;

      -- Sale details pruned by the retention policy: the sale row and its totals stay for reports.
      CREATE TABLE sale_details_pruned (
        sale_id TEXT PRIMARY KEY REFERENCES sales (id) ON DELETE CASCADE,
        pruned_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
