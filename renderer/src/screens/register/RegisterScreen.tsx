import { useCallback, useState } from 'react';
import type { ShiftView } from '../../../../shared/domain/shift';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { ErrorNotice } from '../../components/ErrorNotice';
import { OpenShiftForm } from '../shift/OpenShiftForm';
import { RegisterWorkspace } from './RegisterWorkspace';

/** The register: sells only while a shift is open, and offers to open one when none is. */
export function RegisterScreen() {
  const api = useApi();
  const load = useCallback(() => api.shifts.current(), [api]);
  const shift = useQuery(load);
  const [opened, setOpened] = useState<ShiftView | null>(null);

  if (shift.status === 'loading') {
    return (
      <p className="muted" role="status">
        Opening the register…
      </p>
    );
  }
  if (shift.status === 'error') {
    return (
      <div className="stack">
        <h1>Register</h1>
        <ErrorNotice title="The register is not available" message={describeError(shift.error, 'sell')} onRetry={shift.reload} />
      </div>
    );
  }
  if (!opened && !shift.data) {
    return (
      <div className="stack">
        <h1>Register</h1>
        <OpenShiftForm onOpened={setOpened} />
      </div>
    );
  }
  return <RegisterWorkspace />;
}
