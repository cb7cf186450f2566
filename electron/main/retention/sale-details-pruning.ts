import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../storage/db';
import { writeTransaction } from '../storage/transaction';

const DAY_MS = 86_400_000;
const BATCH = 500;

export interface SaleDetailsPruningDeps {
  db: Db;
  now: () => Date;
  audit: Pick<AuditTrail, 'record'>;
  /** The policy's `privacy.saleDetailsDays`. */
  days: () => number;
}

/**
 * Retention of sale details (GDPR 5(1)(e), data minimisation): lines of sales older than the policy's
 * period are removed, with any refund lines, customer link and card details (brand, last digits). The sale row stays with its totals,
 * receipt number and payments, and the shift's Z report (kept as it closed) still adds up.
 * Only what the NoPOS API has confirmed is pruned: a sale whose own item, or the item of any refund,
 * void or card payment of it, is still waiting (or refused) is kept, whatever its age.
 */
export class SaleDetailsPruning {
  private readonly candidates;

  constructor(private readonly deps: SaleDetailsPruningDeps) {
    this.candidates = deps.db.prepare(`
      SELECT s.id FROM sales s JOIN shifts sh ON sh.id = s.shift_id
      WHERE s.status IN ('completed', 'voided') AND sh.status = 'closed'
        AND coalesce(s.completed_at, s.updated_at) < @cutoff
        AND NOT EXISTS (SELECT 1 FROM sale_details_pruned p WHERE p.sale_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.sale_id = s.id AND r.created_at >= @cutoff)
        AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.sale_id = s.id AND v.created_at >= @cutoff)
        AND NOT EXISTS (
          SELECT 1 FROM outbox o WHERE o.status <> 'sent' AND o.client_id IN (
            SELECT s.id UNION ALL SELECT id FROM refunds WHERE sale_id = s.id
            UNION ALL SELECT id FROM voids WHERE sale_id = s.id UNION ALL SELECT id FROM payments WHERE sale_id = s.id))
      ORDER BY s.completed_at LIMIT ${BATCH}`);
  }

  /** Prunes in batches of 500, one transaction each; returns how many sales were pruned. */
  run(): { sales: number; lines: number } {
    const cutoff = new Date(this.deps.now().getTime() - this.deps.days() * DAY_MS).toISOString();
    let sales = 0;
    let lines = 0;
    for (;;) {
      const batch = this.candidates.all({ cutoff }) as { id: string }[];
      if (batch.length === 0) break;
      const at = this.deps.now().toISOString();
      writeTransaction(this.deps.db, () => {
        for (const { id } of batch) {
          this.deps.db.prepare('DELETE FROM refund_lines WHERE line_id IN (SELECT id FROM sale_lines WHERE sale_id = ?)').run(id);
          lines += this.deps.db.prepare('DELETE FROM sale_lines WHERE sale_id = ?').run(id).changes;
          this.deps.db.prepare('DELETE FROM sale_customers WHERE sale_id = ?').run(id);
          // The card's brand and last digits go too; the payment's method and amount stay for the totals.
          this.deps.db.prepare('UPDATE payments SET card_json = NULL WHERE sale_id = ?').run(id);
          this.deps.db.prepare("DELETE FROM card_attempts WHERE sale_id = ? AND state <> 'open'").run(id);
          this.deps.db.prepare('INSERT INTO sale_details_pruned (sale_id, pruned_at) VALUES (?, ?)').run(id, at);
        }
        this.deps.audit.record({
          action: 'retention.pruned',
          actorId: null,
          target: 'sale_details',
          details: { sales: batch.length, before: cutoff },
        });
      });
      sales += batch.length;
      if (batch.length < BATCH) break;
    }
    return { sales, lines };
  }
}
