import type { Migration } from './types';

export const migration0005: Migration = {
  version: 5,
  name: 'register',
  up(db) {
    db.exec(`
      CREATE TABLE shifts (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        currency TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        float_minor INTEGER NOT NULL CHECK (float_minor >= 0),
        closed_at TEXT,
        closed_by TEXT,
        counted_minor INTEGER,
        report_json TEXT
      ) STRICT;
      -- At most one open shift per terminal.
      CREATE UNIQUE INDEX shifts_one_open ON shifts (status) WHERE status = 'open';

      -- Every numbered document (sale, refund, void): seq is the terminal's gapless sequence,
      -- assigned inside the transaction that completes the document, so a rollback leaves no hole.
      CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,
        receipt_number TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'void')),
        ref_id TEXT NOT NULL UNIQUE,
        shift_id TEXT NOT NULL REFERENCES shifts (id),
        staff_id TEXT NOT NULL,
        completed_at TEXT NOT NULL,
        printed_at TEXT,
        saved_at TEXT
      ) STRICT;

      -- The cart is an open sale: it lives here, not in the page, so nothing is lost to a reload.
      CREATE TABLE sales (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('open', 'parked', 'completed', 'voided')),
        shift_id TEXT REFERENCES shifts (id),
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        parked_at TEXT,
        park_note TEXT,
        currency TEXT NOT NULL,
        tax_mode TEXT NOT NULL CHECK (tax_mode IN ('inclusive', 'exclusive')),
        sale_discount_json TEXT,
        total_minor INTEGER,
        completed_at TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX sales_one_open ON sales (status) WHERE status = 'open';
      CREATE INDEX sales_shift ON sales (shift_id, status);

      CREATE TABLE sale_lines (
        id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales (id),
        position INTEGER NOT NULL,
        product_id TEXT NOT NULL,
        name TEXT NOT NULL,
        sold_by TEXT NOT NULL CHECK (sold_by IN ('unit', 'weight')),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor > 0),
        tax_category_id TEXT NOT NULL,
        tax_rate_bp INTEGER NOT NULL,
        discount_json TEXT
      ) STRICT;
      CREATE INDEX sale_lines_sale ON sale_lines (sale_id, position);

      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales (id),
        method TEXT NOT NULL CHECK (method IN ('cash', 'card')),
        amount_minor INTEGER NOT NULL,
        status TEXT NOT NULL,
        given_minor INTEGER,
        change_minor INTEGER,
        rounding_minor INTEGER,
        card_json TEXT,
        taken_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payments_sale ON payments (sale_id);

      -- Refunds and voids are new records pointing at the original: nothing is edited in place.
      CREATE TABLE refunds (
        id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales (id),
        shift_id TEXT NOT NULL REFERENCES shifts (id),
        staff_id TEXT NOT NULL,
        approver_id TEXT,
        reason TEXT NOT NULL,
        record_json TEXT NOT NULL,
        total_minor INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX refunds_sale ON refunds (sale_id);
      CREATE INDEX refunds_shift ON refunds (shift_id);
      CREATE TABLE refund_lines (
        refund_id TEXT NOT NULL REFERENCES refunds (id),
        line_id TEXT NOT NULL REFERENCES sale_lines (id),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        amount_minor INTEGER NOT NULL,
        PRIMARY KEY (refund_id, line_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX refund_lines_line ON refund_lines (line_id);

      CREATE TABLE voids (
        id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL UNIQUE REFERENCES sales (id),
        shift_id TEXT NOT NULL REFERENCES shifts (id),
        staff_id TEXT NOT NULL,
        approver_id TEXT,
        reason TEXT NOT NULL,
        total_minor INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cash_movements (
        id TEXT PRIMARY KEY,
        shift_id TEXT NOT NULL REFERENCES shifts (id),
        kind TEXT NOT NULL CHECK (kind IN ('paid_in', 'paid_out')),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        reason TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        approver_id TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cash_movements_shift ON cash_movements (shift_id);
    `);
  },
};
