import { useCallback, useState } from 'react';
import type { ShiftReport } from '../../../../shared/domain/shift';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { formatMoney } from '../../format/money';
import { useGuardedAction } from '../../session/use-guarded-action';
import { ReceiptOutput } from '../../receipts/ReceiptOutput';
import { CashMovementForm } from './CashMovementForm';
import { CloseShiftForm } from './CloseShiftForm';
import { OpenShiftForm } from './OpenShiftForm';
import { ShiftReportView } from './ShiftReportView';
import { XReportPanel } from '../reports/XReportPanel';

/** Open with a float, pay in and out, look at the X report, close with the count: the Z report. */
export function ShiftScreen() {
  const api = useApi();
  const load = useCallback(() => api.shifts.current(), [api]);
  const shift = useQuery(load);
  const [zReport, setZReport] = useState<ShiftReport | null>(null);
  const { run, dialog } = useGuardedAction();

  if (zReport) {
    const request = (output: 'print' | 'pdf') => ({ shiftId: zReport.shiftId, output });
    return (
      <div className="stack">
        <h1>Shift closed</h1>
        <Panel title="Z report">
          <ReceiptOutput what="Z report" output={(output) => run('receipts.shiftReport', request(output), 'printing the Z report')} />
          <ShiftReportView report={zReport} />
        </Panel>
        {dialog}
      </div>
    );
  }

  return (
    <div className="stack">
      <h1>Shift</h1>
      {shift.status === 'loading' && <p role="status">Reading the shift…</p>}
      {shift.status === 'error' && (
        <ErrorNotice title="Could not read the shift" message={describeError(shift.error, 'work with shifts')} onRetry={shift.reload} />
      )}
      {shift.status === 'ready' && !shift.data && <OpenShiftForm onOpened={shift.reload} />}
      {shift.status === 'ready' && shift.data && (
        <>
          <Panel title="Open shift">
            <dl className="facts" aria-label="Open shift">
              <dt>Opened</dt>
              <dd>{new Date(shift.data.openedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
              <dt>Float</dt>
              <dd>{formatMoney(shift.data.floatMinor, shift.data.currency)}</dd>
            </dl>
          </Panel>
          <CashMovementForm currency={shift.data.currency} />
          <XReportPanel />
          <CloseShiftForm currency={shift.data.currency} onClosed={setZReport} />
        </>
      )}
      {dialog}
    </div>
  );
}
