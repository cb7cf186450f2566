import { ReprintPanel } from './ReprintPanel';
import { XReportPanel } from './XReportPanel';

export function ReportsScreen() {
  return (
    <div className="stack">
      <h1>Reports</h1>
      <XReportPanel />
      <ReprintPanel />
    </div>
  );
}
