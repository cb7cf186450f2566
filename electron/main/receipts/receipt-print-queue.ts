import type { ReceiptPrinting } from '../../../shared/domain/devices';
import type { PrintOutcome, ReceiptPaper } from '../../../shared/domain/receipt';
import { AppError } from '../../../shared/ipc/errors';
import type { Db } from '../storage/db';
import type { Tx } from '../storage/transaction';

/**
 * After a restart, a receipt still due is printed only this soon after its sale: the customer who
 * waited for it may still be at the till. Older ones are left to a person (the sale's Print, a reprint).
 */
export const RESUME_WINDOW_MS = 2 * 60_000;
const KEEP_DAYS = 30;

type QueueState = 'queued' | 'printed' | 'failed';
interface Row {
  receipt_number: string;
  staff_id: string | null;
  state: QueueState;
  detail: string | null;
  queued_at: string;
}

export interface ReceiptPrintQueueDeps {
  db: Db;
  now: () => Date;
  /** What the printer setting says of a completed sale's receipt right now. */
  printing: () => ReceiptPrinting;
  /** Makes the receipt's first paper copy (receipt-service.ts: once, audited). */
  print: (receiptNumber: string, staffId: string | null) => Promise<PrintOutcome>;
  /** Whether that first paper copy was already made (a print a crash cut off counts as made). */
  printed: (receiptNumber: string) => boolean;
  publish: (paper: ReceiptPaper) => void;
  log: (entry: Record<string, unknown>) => void;
  /** How printing is started after the sale answered; the next turn of the event loop by default. */
  defer?: (run: () => void) => void;
}

/**
 * Receipts printed by themselves when a sale completes. The sale queues its receipt in its own
 * transaction; printing starts after the sale has answered, one receipt after another, and never
 * holds the sale up (the printer's own queue bounds every job by timeouts). Each receipt is printed
 * at most once: the row says where it got to, and the first copy itself is made only once.
 */
export class ReceiptPrintQueue {
  private running = false;
  private scheduled = false;
  /**
   * The receipt on its way to the printer. Kept in memory only: after a crash, a receipt still
   * `queued` is told apart by whether its first byte went out (the printer's own job record), so
   * its start costs no disk write before the first byte.
   */
  private onItsWay: string | null = null;

  constructor(private readonly deps: ReceiptPrintQueueDeps) {}

  /** Inside the sale's transaction: its receipt is due on paper when the printer prints by itself. */
  add(tx: Tx, receiptNumber: string, staffId: string): void {
    if (this.deps.printing() !== 'auto') return;
    tx.db
      .prepare("INSERT OR IGNORE INTO receipt_prints (receipt_number, staff_id, state, queued_at) VALUES (?, ?, 'queued', ?)")
      .run(receiptNumber, staffId, this.deps.now().toISOString());
  }

  /** After the sale committed: prints what is due, off the caller's path. */
  wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    (this.deps.defer ?? setImmediate)(() => {
      this.scheduled = false;
      // Only the queue's own bookkeeping can fail here (a full disk): the receipt stays due for the next wake.
      this.drain().catch((error: unknown) =>
        this.deps.log({ event: 'receipts.auto_print_failed', error: error instanceof Error ? error.name : typeof error }),
      );
    });
  }

  /** Where a receipt's paper stands, for the sale's screen. */
  paper(receiptNumber: string): ReceiptPaper {
    const row = this.deps.db.prepare('SELECT state, detail FROM receipt_prints WHERE receipt_number = ?').get(receiptNumber) as
      Pick<Row, 'state' | 'detail'> | undefined;
    if (row) return { receiptNumber, state: this.onItsWay === receiptNumber ? 'printing' : row.state, message: row.detail };
    return { receiptNumber, state: this.deps.printing() === 'never' ? 'never' : 'ask', message: null };
  }

  /**
   * At start-up, once the printer's cut-off jobs are settled: a receipt whose printing was cut off
   * after its first byte counts as printed (the cashier was told to reprint it if it is not whole);
   * one that never reached the printer is printed now if its sale is recent, else handed to a person.
   */
  resume(): void {
    const now = this.deps.now();
    const cutoff = new Date(now.getTime() - RESUME_WINDOW_MS).toISOString();
    const settled: ReceiptPaper[] = [];
    this.deps.db
      .transaction(() => {
        const due = this.deps.db
          .prepare("SELECT receipt_number, queued_at FROM receipt_prints WHERE state = 'queued' ORDER BY queued_at, rowid")
          .all() as Row[];
        for (const row of due) {
          if (this.deps.printed(row.receipt_number)) this.finish(row.receipt_number, 'printed', null, settled);
          else if (row.queued_at < cutoff)
            this.finish(
              row.receipt_number,
              'failed',
              'The receipt was not printed before the terminal stopped: print it from the sale, or reprint it.',
              settled,
            );
        }
        const forgotten = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString();
        this.deps.db.prepare("DELETE FROM receipt_prints WHERE state IN ('printed', 'failed') AND queued_at < ?").run(forgotten);
      })
      .immediate();
    for (const paper of settled) this.deps.publish(paper);
    this.wake();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Each pass asks again, so a receipt queued while another printed is found here.
      for (let row = this.next(); row; row = this.next()) await this.printOne(row);
    } finally {
      this.running = false;
    }
  }

  private next(): Row | null {
    return (
      (this.deps.db.prepare("SELECT * FROM receipt_prints WHERE state = 'queued' ORDER BY queued_at, rowid LIMIT 1").get() as
        Row | undefined) ?? null
    );
  }

  private async printOne(row: Row): Promise<void> {
    const receiptNumber = row.receipt_number;
    if (this.deps.printed(receiptNumber)) return this.finish(receiptNumber, 'printed', null);
    this.onItsWay = receiptNumber;
    this.deps.publish({ receiptNumber, state: 'printing', message: null });
    let outcome: { state: 'printed' | 'failed'; message: string | null };
    try {
      const printed = await this.deps.print(receiptNumber, row.staff_id);
      outcome =
        printed.outcome === 'cancelled'
          ? { state: 'failed', message: 'The receipt was not printed: print it from the sale.' }
          : { state: 'printed', message: null };
    } catch (error) {
      // The printer's words for the cashier (paper out, unreachable …); anything else stays generic.
      outcome = {
        state: 'failed',
        message: error instanceof AppError ? error.message : 'The receipt did not print. Nothing is lost: print it again or save a PDF.',
      };
    } finally {
      this.onItsWay = null;
    }
    this.finish(receiptNumber, outcome.state, outcome.message);
  }

  private finish(receiptNumber: string, state: 'printed' | 'failed', detail: string | null, later?: ReceiptPaper[]): void {
    this.deps.db
      .prepare('UPDATE receipt_prints SET state = ?, detail = ?, finished_at = ? WHERE receipt_number = ?')
      .run(state, detail, this.deps.now().toISOString(), receiptNumber);
    const paper: ReceiptPaper = { receiptNumber, state, message: detail };
    if (later) later.push(paper);
    else this.deps.publish(paper);
  }
}
