import { useState, type FormEvent } from 'react';
import { errorMessage } from '../bridge/messages';
import { useApi } from '../bridge/use-api';
import { Button } from '../components/Button';
import { Panel } from '../components/Panel';

/** An admin types the one-time code from the NoPOS back office; the credentials never reach this page. */
export function EnrollmentPanel() {
  const api = useApi();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(label: string, work: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error, label, `Could not ${label}.`) });
    } finally {
      setBusy(false);
    }
  }

  const enroll = (event: FormEvent) => {
    event.preventDefault();
    void run('enroll', async () => {
      const result = await api.sync.enroll({ code });
      setCode('');
      return `Enrolled as ${result.terminalId} in ${result.storeName}.`;
    });
  };

  return (
    <Panel title="NoPOS enrollment">
      <form onSubmit={enroll} className="actions">
        <label>
          Enrollment code
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="ABCD-EFGH-JKMN"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            data-testid="enrollment-code"
          />
        </label>
        <Button type="submit" disabled={busy || code.trim().length < 12}>
          Enroll
        </Button>
      </form>
      <div className="actions">
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() =>
            void run('export unsynced items', async () => {
              const r = await api.sync.exportUnsynced();
              return `${r.items} items exported to ${r.file}.`;
            })
          }
        >
          Export unsynced items
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() =>
            void run('sign out of the store', async () => {
              await api.sync.signOutOfStore();
              return 'Signed out of the store.';
            })
          }
        >
          Sign out of store
        </Button>
      </div>
      {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </Panel>
  );
}
