import { randomBytes } from 'node:crypto';
import type { Role, StaffSummary } from '../../../shared/domain/staff';
import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';

/** The PIN hash of staff that came from NoPOS before an admin gave them a PIN: it never verifies. */
export const NO_PIN_YET = 'unset';

export interface StaffRecord extends StaffSummary {
  pinHash: string;
  previousPinHash: string | null;
}

interface StaffRow {
  id: string;
  name: string;
  role: Role;
  active: number;
  pin_hash: string;
  previous_pin_hash: string | null;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newStaffId(): string {
  return `st_${[...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

const toRecord = (row: StaffRow): StaffRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  active: row.active === 1,
  pinHash: row.pin_hash,
  previousPinHash: row.previous_pin_hash,
});

export const toSummary = ({ id, name, role, active }: StaffRecord): StaffSummary => ({ id, name, role, active });

/** Plain data access for staff; rules and auditing live in the services that call it. */
export class StaffRepository {
  // Prepared once: every authorised call and every receipt looks a staff member up.
  private readonly byId;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.byId = db.prepare('SELECT * FROM staff WHERE id = ?');
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
  }

  /** Staff who can sign in here: those NoPOS sent without a PIN yet cannot, so they do not set a terminal up. */
  countWithPin(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staff WHERE pin_hash <> ?').get(NO_PIN_YET) as { n: number }).n;
  }

  countActive(role: Role): number {
    return (this.db.prepare('SELECT count(*) AS n FROM staff WHERE active = 1 AND role = ?').get(role) as { n: number }).n;
  }

  get(id: string): StaffRecord | null {
    const row = this.byId.get(id) as StaffRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(options: { includeInactive: boolean }): StaffSummary[] {
    const sql = `SELECT * FROM staff ${options.includeInactive ? '' : 'WHERE active = 1'} ORDER BY active DESC, name COLLATE NOCASE, id`;
    return (this.db.prepare(sql).all() as StaffRow[]).map((row) => toSummary(toRecord(row)));
  }

  insert(staff: { id: string; name: string; role: Role; pinHash: string }): void {
    const at = this.now().toISOString();
    this.db
      .prepare(
        "INSERT INTO staff (id, name, role, active, source, pin_hash, pin_set_at, created_at, updated_at) VALUES (?, ?, ?, 1, 'local', ?, ?, ?, ?)",
      )
      .run(staff.id, staff.name, staff.role, staff.pinHash, at, at, at);
  }

  update(id: string, changes: { name?: string; role?: Role; active?: boolean }): void {
    const current = this.get(id);
    if (!current) return;
    this.db
      .prepare('UPDATE staff SET name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?')
      .run(
        changes.name ?? current.name,
        changes.role ?? current.role,
        (changes.active ?? current.active) ? 1 : 0,
        this.now().toISOString(),
        id,
      );
  }

  setPin(id: string, pinHash: string): void {
    const at = this.now().toISOString();
    this.db
      .prepare('UPDATE staff SET previous_pin_hash = pin_hash, pin_hash = ?, pin_set_at = ?, updated_at = ? WHERE id = ?')
      .run(pinHash, at, at, id);
  }

  /**
   * Staff as the NoPOS API lists them (a sync pull page), in the pull's transaction: matched by the
   * API's id; new ones get a local id and no PIN yet (they sign in once an admin gives them one).
   */
  applyFromApi(_tx: Tx, remote: readonly { id: string; name: string; role: Role; active: boolean }[]): void {
    const at = this.now().toISOString();
    const find = this.db.prepare("SELECT id FROM staff WHERE source = 'api' AND external_id = ?");
    const update = this.db.prepare('UPDATE staff SET name = ?, role = ?, active = ?, updated_at = ? WHERE id = ?');
    const insert = this.db.prepare(
      "INSERT INTO staff (id, name, role, active, source, external_id, pin_hash, pin_set_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'api', ?, ?, ?, ?, ?)",
    );
    for (const staff of remote) {
      const local = find.get(staff.id) as { id: string } | undefined;
      if (local) update.run(staff.name, staff.role, staff.active ? 1 : 0, at, local.id);
      else insert.run(newStaffId(), staff.name, staff.role, staff.active ? 1 : 0, staff.id, NO_PIN_YET, at, at, at);
    }
  }
}
