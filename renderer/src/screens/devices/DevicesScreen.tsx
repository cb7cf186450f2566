import { useCallback, useState, type FormEvent } from 'react';
import type { DeviceSettings } from '../../../../shared/domain/devices';
import type { SettingsView } from '../../../../shared/domain/settings';
import { BridgeError } from '../../bridge/client';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { DEVICE_FORMS, fieldValue, type DeviceForm } from './device-fields';

/** Each scale protocol's usual line settings, filled in when the protocol is picked. */
const SCALE_LINES: Record<string, Record<string, string>> = {
  toledo_8217: { baudRate: '9600', dataBits: '7', parity: 'even', stopBits: '1' },
  adam: { baudRate: '4800', dataBits: '8', parity: 'none', stopBits: '1' },
  sma: { baudRate: '9600', dataBits: '8', parity: 'none', stopBits: '1' },
};

const errorText = (error: unknown, action: string) =>
  error instanceof BridgeError ? describeError(error, action) : `Could not ${action}.`;

interface PanelProps {
  form: DeviceForm;
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  /** Kept by the screen: the panel is rebuilt from the saved values, its message must outlive that. */
  message: StatusMessage | null;
  setMessage: (message: StatusMessage | null) => void;
}

function DevicePanel({ form, view, onSaved, message, setMessage }: PanelProps) {
  const api = useApi();
  const saved = view.values.devices[form.device] as Record<string, string | number>;
  const initial = useCallback(() => Object.fromEntries(form.fields.map((f) => [f.key, String(saved[f.key])])), [form, saved]);
  const [draft, setDraft] = useState<Record<string, string>>(initial);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const locked = (key: string) => view.locked.includes(`devices.${form.device}.${key}`);
  const mode = draft[form.switchKey] ?? '';
  const shown = form.fields.filter((f) => !f.when || f.when.includes(mode));
  const dirty = form.fields.some((f) => draft[f.key] !== String(saved[f.key]));

  function change(key: string, value: string) {
    setDraft((d) => ({ ...d, [key]: value, ...(form.device === 'scale' && key === 'protocol' ? SCALE_LINES[value] : {}) }));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const patch: Record<string, unknown> = {};
    for (const field of form.fields) {
      const text = draft[field.key] ?? '';
      if (locked(field.key) || text === String(saved[field.key])) continue;
      const value = fieldValue(field, text);
      if (value === null) errors[field.key] = 'Enter a whole number.';
      else patch[field.key] = value;
    }
    setInvalid(errors);
    if (Object.keys(errors).length > 0) return setMessage({ tone: 'error', text: 'Check the highlighted fields.' });
    if (Object.keys(patch).length === 0) return setMessage({ tone: 'info', text: 'Nothing has changed.' });
    setBusy(true);
    try {
      const updated = await api.settings.update({ devices: { [form.device]: patch } as Partial<DeviceSettings> });
      setMessage({ tone: 'ok', text: `${form.title} saved.` });
      onSaved(updated);
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error, 'change settings') });
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    setBusy(true);
    setMessage({ tone: 'info', text: 'Testing…' });
    try {
      const result = await api.devices.test({ device: form.test });
      setMessage({ tone: result.ok ? 'ok' : 'error', text: result.message });
    } catch (error) {
      setMessage({ tone: 'error', text: errorText(error, 'test devices') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title={form.title}>
      <form className="stack" onSubmit={save} noValidate aria-label={`${form.title} settings`}>
        <div className="form-grid">
          {shown.map((field) => (
            <Field key={field.key} label={field.label} help={field.help} error={invalid[field.key]} locked={locked(field.key)}>
              {(props) =>
                field.options ? (
                  <select {...props} className="input" value={draft[field.key] ?? ''} onChange={(e) => change(field.key, e.target.value)}>
                    {field.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...props}
                    className="input"
                    value={draft[field.key] ?? ''}
                    inputMode={field.numeric ? 'numeric' : 'text'}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(e) => change(field.key, e.target.value)}
                  />
                )
              }
            </Field>
          ))}
        </div>
        <div className="actions">
          <Button type="submit" disabled={busy || !dirty}>
            Save
          </Button>
          <Button
            variant="secondary"
            disabled={busy || dirty}
            onClick={() => void test()}
            title={dirty ? 'Save first, then test' : undefined}
          >
            {form.testLabel}
          </Button>
          <StatusLine message={message} />
        </div>
      </form>
    </Panel>
  );
}

/** An admin sets up this terminal's printer, drawer, customer display and scale, and tests each. */
export function DevicesScreen() {
  const api = useApi();
  const load = useCallback(() => api.settings.get(), [api]);
  const settings = useQuery(load);
  const [saved, setSaved] = useState<SettingsView | null>(null);
  const [messages, setMessages] = useState<Record<string, StatusMessage | null>>({});
  const view = saved ?? (settings.status === 'ready' ? settings.data : null);

  return (
    <div className="stack">
      <h1>Devices</h1>
      {settings.status === 'error' && (
        <ErrorNotice title="Could not read the settings" message={settings.error.message} onRetry={settings.reload} />
      )}
      {settings.status === 'loading' && (
        <p className="muted" role="status">
          Loading devices…
        </p>
      )}
      {view && (
        <>
          <p className="muted">Save a device’s settings, then test it. Every change and every test is recorded in the audit trail.</p>
          {DEVICE_FORMS.map((form) => (
            <DevicePanel
              key={`${form.device}:${JSON.stringify(view.values.devices[form.device])}`}
              form={form}
              view={view}
              onSaved={setSaved}
              message={messages[form.device] ?? null}
              setMessage={(message) => setMessages((m) => ({ ...m, [form.device]: message }))}
            />
          ))}
        </>
      )}
    </div>
  );
}
