import type { ImportReport } from '../../../../shared/domain/catalog';
import { Panel } from '../../components/Panel';

export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <Panel title={`Import report${report.fileName ? `: ${report.fileName}` : ''}`}>
      <p>
        {report.rowsRead} rows read, {report.imported} imported{report.errors.length > 0 ? `, ${report.errors.length + report.moreErrors} refused` : ''}.
      </p>
      {report.errors.length > 0 && (
        <table className="table" aria-label="Refused rows">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr key={`${e.line}-${e.message}`}>
                <td>{e.line}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.moreErrors > 0 && <p className="muted">…and {report.moreErrors} more refused rows not listed.</p>}
    </Panel>
  );
}
