import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { staffOf } from '../ipc/staff-of';
import type { ShiftService } from './shift-service';

export function createShiftsHandlers(shifts: ShiftService): Handlers<NoposContract>['shifts'] {
  return {
    current: () => shifts.current(),
    open: ({ floatMinor }, context) => shifts.open(floatMinor, staffOf(context)),
    cashMovement: (request, context) => shifts.cashMovement(request, staffOf(context), context.approverId ?? null),
    xReport: () => shifts.xReport(),
    close: ({ countedMinor, confirmDifferenceMinor }, context) => shifts.close(countedMinor, staffOf(context), confirmDifferenceMinor),
  };
}
