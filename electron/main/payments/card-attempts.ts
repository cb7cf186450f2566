import type { Payment } from '../../../shared/domain/sale';
import type { Db } from '../storage/db';
import { writeTransaction, type Tx } from '../storage/transaction';

export type AttemptState = 'open' | 'attached' | 'forwarded' | 'declined' | 'reversed' | 'not_charged';
type CardShown = NonNullable<Payment['card']>;

export interface CardAttempt {
  paymentId: string;
  saleId: string;
  amountMinor: number;
  currency: string;
  staffId: string;
  card: CardShown;
  startedAt: string;
}

interface Row {
  payment_id: string;
  sale_id: string;
  amount_minor: number;
  currency: string;
  staff_id: string;
  card_json: string;
  started_at: string;
}

const toAttempt = (r: Row): CardAttempt => ({
  paymentId: r.payment_id,
  saleId: r.sale_id,
  amountMinor: r.amount_minor,
  currency: r.currency,
  staffId: r.staff_id,
  card: JSON.parse(r.card_json) as CardShown,
  startedAt: r.started_at,
});

/**
 * The record of each online card authorization, written (with a full fsync) before the request
 * leaves and settled in the transaction that records its outcome. One still `open` after a crash
 * is an approval the API may hold that no sale does: CardAttemptResolver settles it.
 */
export class CardAttempts {
  private readonly insert;
  private readonly settleRow;
  private readonly openRows;
  private readonly openForSale;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      "INSERT INTO card_attempts (payment_id, sale_id, amount_minor, currency, staff_id, card_json, started_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'open') " +
        // The same payment asked again (after a manager's approval): the API answers it by the same key.
        'ON CONFLICT (payment_id) DO UPDATE SET amount_minor = excluded.amount_minor, card_json = excluded.card_json, started_at = excluded.started_at, ' +
        "state = 'open', resolved_at = NULL WHERE sale_id = excluded.sale_id",
    );
    this.settleRow = db.prepare(
      "UPDATE card_attempts SET state = ?, resolved_at = ?, server_id = coalesce(?, server_id) WHERE payment_id = ? AND state = 'open'",
    );
    this.openRows = db.prepare("SELECT * FROM card_attempts WHERE state = 'open' ORDER BY started_at, payment_id");
    this.openForSale = db.prepare("SELECT * FROM card_attempts WHERE state = 'open' AND sale_id = ? ORDER BY started_at, payment_id");
  }

  /** Durable before the card is charged: a kill after this line leaves a trace to settle. */
  begin(attempt: CardAttempt): void {
    this.asking(attempt.paymentId);
    writeTransaction(this.db, () => {
      this.insert.run(
        attempt.paymentId,
        attempt.saleId,
        attempt.amountMinor,
        attempt.currency,
        attempt.staffId,
        JSON.stringify(attempt.card),
        attempt.startedAt,
      );
    });
  }

  /** Settles an open attempt inside the caller's transaction (the one recording the payment, if any). */
  settleIn(_tx: Tx, paymentId: string, state: Exclude<AttemptState, 'open'>, serverId: string | null = null): void {
    this.settleRow.run(state, this.now().toISOString(), serverId, paymentId);
  }

  /** Settles it on its own, with `also` (an audit entry) in the same transaction. */
  settle(paymentId: string, state: Exclude<AttemptState, 'open'>, serverId: string | null = null, also?: (tx: Tx) => void): void {
    writeTransaction(this.db, (tx) => {
      this.settleIn(tx, paymentId, state, serverId);
      also?.(tx);
    });
  }

  /** Open attempts, without those this process is asking the API about right now. */
  open(saleId?: string): CardAttempt[] {
    return ((saleId ? this.openForSale.all(saleId) : this.openRows.all()) as Row[])
      .map(toAttempt)
      .filter((a) => !this.inFlight.has(a.paymentId));
  }

  /** Marks an attempt as being asked by this process (its tender is in flight); `done` ends that. */
  asking(paymentId: string): void {
    this.inFlight.add(paymentId);
  }

  done(paymentId: string): void {
    this.inFlight.delete(paymentId);
  }
}
