import { useCallback, useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role, type StaffSummary } from '../../../../shared/domain/staff';
import { describeError, errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Table } from '../../components/Table';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { useSession } from '../../session/SessionContext';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { NewPinField } from '../../components/NewPinField';

type Status = { ok: boolean; text: string } | null;

function AddStaffForm({ pinLength, onAdded }: { pinLength: number; onAdded: (s: StaffSummary) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [status, setStatus] = useState<Status>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const added = await api.staff.create({ name: name.trim(), role, pin });
      setName('');
      setPin('');
      setStatus({ ok: true, text: `${added.name} added.` });
      onAdded(added);
    } catch (error) {
      setStatus({ ok: false, text: errorMessage(error, 'add staff', 'Could not add.') });
    }
  }

  return (
    <Panel title="Add staff member">
      <form className="stack" onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Name">
            {(p) => <input {...p} className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label="Role">
            {(p) => (
              <select {...p} className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <NewPinField
            label={`First PIN (${pinLength} digits)`}
            help="They can be given a new one here at any time."
            value={pin}
            onChange={setPin}
          />
        </div>
        <div className="actions">
          <Button type="submit">Add staff member</Button>
          <div role="status" aria-live="polite">
            {status && <span className={status.ok ? 'pill pill--ok' : 'field__error'}>{status.text}</span>}
          </div>
        </div>
      </form>
    </Panel>
  );
}

function StaffRow({
  member,
  isMe,
  onChanged,
  report,
}: {
  member: StaffSummary;
  isMe: boolean;
  onChanged: () => void;
  report: (s: Status) => void;
}) {
  const api = useApi();
  const [name, setName] = useState(member.name);
  const [newPin, setNewPin] = useState('');
  const act = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      report({ ok: true, text: `${member.name}: ${what}.` });
      onChanged();
    } catch (error) {
      report({ ok: false, text: errorMessage(error, 'change staff', 'Change failed.') });
    }
  };

  return (
    <tr>
      <td>
        <label className="visually-hidden" htmlFor={`name-${member.id}`}>
          Name of {member.name}
        </label>
        <input
          id={`name-${member.id}`}
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== member.name && act('renamed', () => api.staff.update({ id: member.id, name: name.trim() }))}
        />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${member.id}`}>
          Role of {member.name}
        </label>
        <select
          id={`role-${member.id}`}
          className="input"
          value={member.role}
          onChange={(e) => act('role changed', () => api.staff.update({ id: member.id, role: e.target.value as Role }))}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>{member.active ? 'Active' : 'Deactivated'}</td>
      <td>
        <div className="actions">
          <label className="visually-hidden" htmlFor={`pin-${member.id}`}>
            New PIN for {member.name}
          </label>
          <input
            id={`pin-${member.id}`}
            className="input"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            placeholder="New PIN"
            size={8}
            value={newPin}
            onChange={(e) => setNewPin(e.target.value.replace(/\D/g, ''))}
          />
          <Button
            variant="secondary"
            className="button--small"
            disabled={newPin.length < 4}
            onClick={() => act('PIN reset', () => api.staff.resetPin({ id: member.id, pin: newPin })).then(() => setNewPin(''))}
          >
            Reset PIN
          </Button>
          {!isMe && member.role === 'admin' && (
            <Button
              variant="secondary"
              className="button--small"
              onClick={() =>
                act('passphrase reset; they set a new one at their next sign-in', () => api.staff.resetPassphrase({ id: member.id }))
              }
            >
              Reset passphrase
            </Button>
          )}
          {!isMe && (
            <Button
              variant={member.active ? 'danger' : 'secondary'}
              className="button--small"
              onClick={() =>
                act(member.active ? 'deactivated' : 'reactivated', () => api.staff.setActive({ id: member.id, active: !member.active }))
              }
            >
              {member.active ? 'Deactivate' : 'Reactivate'}
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Admin only (main enforces `manage:staff`). Staff are deactivated, never deleted: the audit trail names them. */
export function StaffScreen() {
  const api = useApi();
  const { session } = useSession();
  const load = useCallback(() => api.staff.listAll(), [api]);
  const staff = useQuery(load);
  const [status, setStatus] = useState<Status>(null);
  const me = session?.state === 'signed_in' ? session.staff.id : null;

  return (
    <div className="stack">
      <h1>Staff</h1>
      {staff.status === 'error' && (
        <ErrorNotice title="Could not load staff" message={describeError(staff.error, 'manage staff')} onRetry={staff.reload} />
      )}
      {staff.status === 'ready' && (
        <Panel title="Staff members">
          <Table columns={['Name', 'Role', 'Status', 'Actions']}>
            {staff.data.map((member) => (
              <StaffRow
                key={`${member.id}-${member.role}-${member.active}`}
                member={member}
                isMe={member.id === me}
                onChanged={staff.reload}
                report={setStatus}
              />
            ))}
          </Table>
          <div role="status" aria-live="polite">
            {status && <p className={status.ok ? 'message message--info' : 'message message--error'}>{status.text}</p>}
          </div>
        </Panel>
      )}
      {session?.state === 'signed_in' && session.staff.role === 'admin' && <ChangePassphraseForm />}
      <AddStaffForm pinLength={session?.pinLength ?? 6} onAdded={staff.reload} />
    </div>
  );
}
