import { useState } from 'react';
import type { AuditVerification } from '../../../../shared/domain/audit';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';

const PROBLEMS: Record<Extract<AuditVerification, { ok: false }>['problem'], string> = {
  hash_mismatch: 'a record was changed',
  broken_link: 'a record was changed, inserted or moved',
  missing_row: 'a record is missing',
  head_mismatch: 'records were removed from the end',
};

export function AuditPanel() {
  const api = useApi();
  const [state, setState] = useState<
    { status: 'idle' | 'checking' } | { status: 'done'; result: AuditVerification } | { status: 'error'; message: string }
  >({
    status: 'idle',
  });

  async function verify() {
    setState({ status: 'checking' });
    try {
      setState({ status: 'done', result: await api.audit.verify() });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error, 'check the audit trail', 'The check failed.') });
    }
  }

  return (
    <Panel
      title="Audit trail"
      actions={
        <Button variant="secondary" onClick={verify} disabled={state.status === 'checking'}>
          Verify audit trail
        </Button>
      }
    >
      <div role="status" aria-live="polite">
        {state.status === 'idle' && (
          <p className="muted">Every sign-in, sale, refund and change is recorded in a chain that shows any edit. Check it here.</p>
        )}
        {state.status === 'checking' && <p className="muted">Checking…</p>}
        {state.status === 'error' && <p className="field__error">{state.message}</p>}
        {state.status === 'done' &&
          (state.result.ok ? (
            <div className="notice notice--ok">
              <p>Audit trail intact: {state.result.entries} records checked.</p>
            </div>
          ) : (
            <div className="notice">
              <h3 className="notice__title">Audit trail damaged</h3>
              <p>
                Record {state.result.brokenAt}: {PROBLEMS[state.result.problem]}. Do not change anything else on this terminal and call
                NoPOS support.
              </p>
            </div>
          ))}
      </div>
    </Panel>
  );
}
