import type { NoposContract } from '../../../shared/ipc/contract';
import type { CashDrawer } from '../devices/cash-drawer';
import type { Handlers } from '../ipc/registry';
import type { RecordingDeps } from '../ledger/register-deps';
import type { SalesLedger } from '../ledger/sales-ledger';
import type { ShiftRepository } from '../ledger/shift-repository';
import type { Outbox } from '../storage/outbox';
import { ShiftService } from './shift-service';
import { createShiftsHandlers } from './shifts-handlers';

// The shifts area's face: opening float, paid in and out, X and Z reports, the close with its count.
export type { ShiftService } from './shift-service';

/** The outbox kinds the shifts area queues (shared/domain/outbox-kinds.ts). */
export const SHIFTS_OUTBOX_KINDS = ['paid_in', 'paid_out', 'shift_close'] as const;

export interface ShiftsPorts extends Omit<RecordingDeps, 'outbox'> {
  outbox: Outbox;
  shifts: ShiftRepository;
  ledger: SalesLedger;
  drawer: CashDrawer;
  /** The sales area's port: a sale or refund in progress keeps the shift open. */
  saleInProgress: () => boolean;
}

export interface Shifts {
  service: ShiftService;
  handlers: Pick<Handlers<NoposContract>, 'shifts'>;
}

export function createShifts({ outbox, ...ports }: ShiftsPorts): Shifts {
  const service = new ShiftService({ ...ports, outbox: outbox.writer(SHIFTS_OUTBOX_KINDS) });
  return { service, handlers: { shifts: createShiftsHandlers(service) } };
}
