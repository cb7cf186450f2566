import { Table } from '../../components/Table';
import type { ImportReport } from '../../../../shared/domain/catalog';
import { Panel } from '../../components/Panel';

export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <Panel title={`Import report${report.fileName ? `: ${report.fileName}` : ''}`}>
      <p>
        {report.rowsRead} rows read, {report.imported} imported
        {report.errors.length > 0 ? `, ${report.errors.length + report.moreErrors} refused` : ''}.
      </p>
      {report.errors.length > 0 && (
        <Table columns={['Line', 'Problem']} label="Refused rows">
          {report.errors.map((e) => (
            <tr key={`${e.line}-${e.message}`}>
              <td>{e.line}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </Table>
      )}
      {report.moreErrors > 0 && <p className="muted">…and {report.moreErrors} more refused rows not listed.</p>}
    </Panel>
  );
}
