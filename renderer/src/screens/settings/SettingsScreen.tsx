import { useCallback, useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../../shared/domain/settings';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { AuditPanel } from './AuditPanel';
import { KeyRotationPanel } from './KeyRotationPanel';
import { EnrollmentPanel } from '../../sync/EnrollmentPanel';
import { buildPatch, fromText, moneyError, SETTINGS_GROUPS, toText, valueAt, type FieldDef } from './fields';

type Outcome = { kind: 'saved' } | { kind: 'error'; message: string } | null;

interface FormProps {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  /** Kept by the screen: the form is rebuilt from the saved values, the message must outlive that. */
  outcome: Outcome;
  setOutcome: (outcome: Outcome) => void;
}

function SettingsForm({ view, onSaved, outcome, setOutcome }: FormProps) {
  const api = useApi();
  const currency = view.values.store.currency;
  const initial = useCallback(
    () =>
      Object.fromEntries(SETTINGS_GROUPS.flatMap((g) => g.fields).map((f) => [f.path, toText(f, valueAt(view.values, f.path), currency)])),
    [view, currency],
  );
  const [draft, setDraft] = useState<Record<string, string>>(initial);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const isLocked = (path: string) => view.locked.includes(path);

  async function save(event: FormEvent) {
    event.preventDefault();
    const fields = SETTINGS_GROUPS.flatMap((g) => g.fields).filter((f) => f.kind !== 'readonly' && !isLocked(f.path));
    const errors: Record<string, string> = {};
    const changes: [string, unknown][] = [];
    // Amounts are read in the currency being saved; a currency change re-reads every limit in it.
    const draftCurrency = draft['store.currency'] ?? currency;
    for (const field of fields) {
      const text = draft[field.path] ?? '';
      if (text === toText(field, valueAt(view.values, field.path), currency) && !(field.kind === 'money' && draftCurrency !== currency))
        continue;
      const value = fromText(field, text, draftCurrency);
      if (value === null)
        errors[field.path] =
          field.kind === 'money' ? (moneyError(text, draftCurrency) ?? `Enter an amount in ${draftCurrency}.`) : 'Enter a whole number.';
      else changes.push([field.path, value]);
    }
    setInvalid(errors);
    if (Object.keys(errors).length > 0) return setOutcome({ kind: 'error', message: 'Check the highlighted fields.' });
    if (changes.length === 0) return setOutcome({ kind: 'error', message: 'Nothing has changed.' });
    setSaving(true);
    try {
      const updated = await api.settings.update(buildPatch(changes));
      setOutcome({ kind: 'saved' });
      onSaved(updated);
    } catch (error) {
      setOutcome({ kind: 'error', message: errorMessage(error, 'change settings', 'Saving failed.') });
    } finally {
      setSaving(false);
    }
  }

  const renderControl = (field: FieldDef, props: { id: string; disabled?: boolean }) => {
    const common = {
      ...props,
      className: 'input',
      value: draft[field.path] ?? '',
      onChange: (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field.path]: event.target.value })),
    };
    if (field.kind === 'readonly') return <input {...common} readOnly disabled />;
    if (field.kind === 'select' || field.kind === 'switch') {
      return (
        <select {...common}>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    }
    return (
      <input {...common} inputMode={field.kind === 'text' ? 'text' : field.kind === 'money' ? 'decimal' : 'numeric'} autoComplete="off" />
    );
  };

  return (
    <form className="stack" onSubmit={save} noValidate>
      {SETTINGS_GROUPS.map((group) => (
        <Panel key={group.title} title={group.title}>
          <div className="form-grid">
            {group.fields.map((field) => (
              <Field key={field.path} label={field.label} help={field.help} error={invalid[field.path]} locked={isLocked(field.path)}>
                {(props) => renderControl(field, props)}
              </Field>
            ))}
          </div>
        </Panel>
      ))}
      <div className="actions">
        <Button type="submit" disabled={saving}>
          Save settings
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setDraft(initial());
            setInvalid({});
            setOutcome(null);
          }}
        >
          Undo changes
        </Button>
        <div role="status" aria-live="polite">
          {outcome?.kind === 'saved' && <span className="pill pill--ok">Settings saved</span>}
          {outcome?.kind === 'error' && <span className="field__error">{outcome.message}</span>}
        </div>
      </div>
    </form>
  );
}

export function SettingsScreen() {
  const api = useApi();
  const load = useCallback(() => api.settings.get(), [api]);
  const settings = useQuery(load);
  const [saved, setSaved] = useState<SettingsView | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  return (
    <div className="stack">
      <h1>Settings</h1>
      {settings.status === 'error' && (
        <ErrorNotice title="Could not read the settings" message={settings.error.message} onRetry={settings.reload} />
      )}
      {settings.status === 'loading' && (
        <p className="muted" role="status">
          Loading settings…
        </p>
      )}
      {settings.status === 'ready' && (
        <>
          {(saved ?? settings.data).locked.length > 0 && (
            <p className="muted">Values marked “Locked by IT policy” are set for this terminal by your IT department.</p>
          )}
          <SettingsForm
            key={JSON.stringify(saved ?? settings.data)}
            view={saved ?? settings.data}
            onSaved={setSaved}
            outcome={outcome}
            setOutcome={setOutcome}
          />
        </>
      )}
      <AuditPanel />
      <EnrollmentPanel />
      <KeyRotationPanel />
    </div>
  );
}
