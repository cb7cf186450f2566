import { required } from '../../../shared/required';
import type { ShiftOpenBody } from '../../../shared/api/transactions';
import { uuidv7 } from '../../../shared/domain/ids';
import type { CashMovementRequest, CountDiffers, ShiftReport, ShiftView } from '../../../shared/domain/shift';
import { AppError } from '../../../shared/ipc/errors';
import { transactionItem } from '../ledger/transaction-item';
import type { CashDrawer } from '../devices/cash-drawer';
import type { RecordingDeps } from '../ledger/register-deps';
import type { SalesLedger } from '../ledger/sales-ledger';
import { writeTransaction, type Tx } from '../storage/transaction';
import type { DeclinedSettlement } from '../payments/declined-payments';
import { computeShiftReport } from './shift-report';
import type { ShiftRepository } from '../ledger/shift-repository';

export interface ShiftDeps extends RecordingDeps {
  shifts: ShiftRepository;
  ledger: SalesLedger;
  drawer: CashDrawer;
  /** Whether a sale is in progress (lines in the cart): a shift does not close under it. */
  saleInProgress: () => boolean;
}

/** Shifts and the cash drawer's money: open with a float, paid in and out, X and Z reports. */
export class ShiftService {
  constructor(private readonly deps: ShiftDeps) {}

  current(): ShiftView | null {
    return this.deps.shifts.current();
  }

  private requireOpen(): ShiftView {
    const shift = this.deps.shifts.current();
    if (!shift) throw new AppError('conflict', 'No shift is open.');
    return shift;
  }

  open(floatMinor: number, staffId: string): ShiftView {
    const shift = writeTransaction(this.deps.db, (tx) => {
      if (this.deps.shifts.current()) throw new AppError('conflict', 'A shift is already open.');
      const at = this.deps.now();
      const id = uuidv7(at.getTime());
      const currency = this.deps.settings().store.currency;
      this.deps.shifts.open(tx, { id, currency, at: at.toISOString(), staffId, floatMinor });
      this.deps.audit.record({ action: 'shift.opened', actorId: staffId, target: id, amount: { minor: floatMinor, currency } });
      // The open has a client id of its own: the shift id is the close's client id, as it always was.
      this.deps.outbox.enqueue(
        tx,
        transactionItem({
          type: 'shift_open',
          clientId: uuidv7(at.getTime()),
          terminalSequence: null,
          occurredAt: at.toISOString(),
          currency,
          totalMinor: floatMinor,
          body: { shiftId: id, openedBy: staffId, floatMinor } satisfies ShiftOpenBody,
        }),
      );
      return required(this.deps.shifts.get(id), 'shift');
    });
    return shift;
  }

  async cashMovement(
    request: CashMovementRequest,
    staffId: string,
    approverId: string | null,
  ): Promise<{ movementId: string; kind: 'paid_in' | 'paid_out'; amountMinor: number; at: string }> {
    const result = writeTransaction(this.deps.db, (tx) => {
      const earlier = this.deps.shifts.movement(request.movementId);
      if (earlier) return { movementId: earlier.id, kind: earlier.kind, amountMinor: earlier.amount_minor, at: earlier.at, fresh: false };
      const shift = this.requireOpen();
      if (request.kind === 'paid_out') {
        const expected = computeShiftReport(this.deps.ledger.activity(shift.shiftId), 'X', this.deps.now(), null).cash.expectedMinor;
        if (request.amountMinor > expected) throw new AppError('conflict', 'There is not that much cash in the drawer.');
      }
      const at = this.deps.now().toISOString();
      this.deps.shifts.addMovement(tx, {
        id: request.movementId,
        shiftId: shift.shiftId,
        kind: request.kind,
        amountMinor: request.amountMinor,
        reason: request.reason,
        staffId,
        approverId,
        at,
      });
      this.deps.audit.record({
        action: request.kind === 'paid_in' ? 'cash.paid_in' : 'cash.paid_out',
        actorId: staffId,
        ...(approverId ? { approverId } : {}),
        target: request.movementId,
        amount: { minor: request.amountMinor, currency: shift.currency },
        details: { reason: request.reason },
      });
      this.deps.outbox.enqueue(
        tx,
        transactionItem({
          type: request.kind,
          clientId: request.movementId,
          terminalSequence: null,
          occurredAt: at,
          currency: shift.currency,
          totalMinor: request.amountMinor,
          body: { shiftId: shift.shiftId, reason: request.reason, staffId },
        }),
      );
      return { movementId: request.movementId, kind: request.kind, amountMinor: request.amountMinor, at, fresh: true };
    });
    if (result.fresh) await this.deps.drawer.open(request.kind);
    const { fresh: _fresh, ...movement } = result;
    return movement;
  }

  /**
   * Money taken for a card payment declined after forwarding (the customer paid in cash or with another
   * card): takings of the open shift, in its reports and (cash) its drawer, queued for the API. Runs in
   * the caller's transaction, which resolves the declined payment; the drawer opens after its commit.
   */
  recordSettlement(tx: Tx, settlement: DeclinedSettlement): { settlementId: string; shiftId: string; openDrawer: () => void } {
    const shift = this.deps.shifts.current();
    if (!shift) throw new AppError('conflict', 'Open a shift first: the money taken belongs to a shift. Nothing was recorded.');
    if (settlement.currency !== null && settlement.currency !== shift.currency) {
      throw new AppError(
        'conflict',
        `That payment was in ${settlement.currency}; this shift is in ${shift.currency}. Nothing was recorded.`,
      );
    }
    const at = this.deps.now().toISOString();
    const id = uuidv7(Date.parse(at));
    const { paymentId, saleId, method, amountMinor, staffId } = settlement;
    this.deps.shifts.addSettlement(tx, { id, paymentId, saleId, shiftId: shift.shiftId, method, amountMinor, staffId, at });
    this.deps.outbox.enqueue(
      tx,
      transactionItem({
        type: 'settlement',
        clientId: id,
        terminalSequence: null,
        occurredAt: at,
        currency: shift.currency,
        totalMinor: amountMinor,
        body: { declinedPaymentId: paymentId, saleId, shiftId: shift.shiftId, method, staffId },
      }),
    );
    if (method === 'cash')
      this.deps.audit.record({ action: 'drawer.opened', actorId: staffId, target: id, details: { reason: 'paid_in' } });
    return { settlementId: id, shiftId: shift.shiftId, openDrawer: () => void (method === 'cash' && this.deps.drawer.open('paid_in')) };
  }

  xReport(): ShiftReport {
    const shift = this.requireOpen();
    return computeShiftReport(this.deps.ledger.activity(shift.shiftId), 'X', this.deps.now(), null);
  }

  /** The Z report: the same calculation as X, with the counted cash, stored with the closed shift. */
  /**
   * Closes against the counted cash. A count that differs from the expected cash closes only when
   * the caller confirms that difference (`confirmDifferenceMinor`); otherwise nothing changes and the
   * answer says by how much, so staff recount or confirm knowingly. `'any'` is for internal callers.
   */
  close(countedMinor: number, staffId: string, confirmDifferenceMinor: number | 'any' | undefined = undefined): ShiftReport | CountDiffers {
    return writeTransaction(this.deps.db, (tx) => {
      const shift = this.requireOpen();
      if (this.deps.saleInProgress())
        throw new AppError('conflict', 'Finish, park or clear the sale in progress before closing the shift.');
      const now = this.deps.now();
      const at = now.toISOString();
      const closing = { ...shift, status: 'closed' as const, closedAt: at, closedBy: staffId };
      const computed = computeShiftReport({ ...this.deps.ledger.activity(shift.shiftId), shift: closing }, 'Z', now, countedMinor);
      const differenceMinor = computed.cash.differenceMinor ?? 0;
      if (differenceMinor !== 0 && confirmDifferenceMinor !== 'any' && confirmDifferenceMinor !== differenceMinor) {
        return {
          outcome: 'count_differs',
          currency: shift.currency,
          expectedMinor: computed.cash.expectedMinor,
          countedMinor,
          differenceMinor,
        };
      }
      const report: ShiftReport = { ...computed, zNumber: this.deps.shifts.nextZNumber(tx) };
      this.deps.shifts.close(tx, shift.shiftId, { at, staffId, countedMinor, report });
      this.deps.audit.record({
        action: 'shift.closed',
        actorId: staffId,
        target: shift.shiftId,
        amount: { minor: countedMinor, currency: shift.currency },
        details: { expectedMinor: report.cash.expectedMinor, differenceMinor: report.cash.differenceMinor, sales: report.sales.count },
      });
      this.deps.outbox.enqueue(
        tx,
        transactionItem({
          type: 'shift_close',
          clientId: shift.shiftId,
          terminalSequence: null,
          occurredAt: at,
          currency: shift.currency,
          totalMinor: report.netSalesMinor,
          body: report,
        }),
      );
      return report;
    });
  }
}
