import { useState } from 'react';
import type { ShiftReport } from '../../../../shared/domain/shift';
import { errorMessage } from '../../bridge/messages';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { useGuardedAction } from '../../session/use-guarded-action';
import { ShiftReportView } from '../shift/ShiftReportView';

/** The X report: the open shift's totals so far; reading it changes nothing. */
export function XReportPanel() {
  const { run, dialog } = useGuardedAction();
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);

  async function show() {
    setMessage(null);
    try {
      const x = await run('shifts.xReport', undefined, 'showing the X report');
      if (x) setReport(x);
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'read reports', 'No report.') });
    }
  }

  return (
    <Panel
      title="X report"
      actions={
        <Button variant="secondary" onClick={() => void show()}>
          {report ? 'Refresh X report' : 'Show X report'}
        </Button>
      }
    >
      <StatusLine message={message} />
      {report ? <ShiftReportView report={report} /> : <p className="muted">Totals of the open shift so far, by tender and tax rate.</p>}
      {dialog}
    </Panel>
  );
}
