import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../bridge/messages';
import { useApi } from '../bridge/use-api';
import { useQuery } from '../bridge/use-query';
import { Button } from '../components/Button';
import { PinPad } from '../components/PinPad';
import { PinFeedbackMessage } from './PinFeedbackMessage';
import { useSession } from './SessionContext';
import { pinFeedback, type PinFeedback } from './sign-in-messages';
import { StaffPicker } from './StaffPicker';
import { approvalQuestion } from './approval-wording';

export interface ApprovalRequest {
  /**
   * What is being approved, as a phrase with its amounts that completes "Approve … for <cashier>?":
   * "50 % discount (−€0.60) on Spaghetti", "refund of €1.69 to cash" (see approval-wording.ts).
   */
  action: string;
  channel: string;
  request: unknown;
}

/**
 * A manager approves one action for the signed-in cashier, on the spot, with their own PIN.
 * Main binds the approval to this exact request and lets it be used once.
 */
export function ApprovalDialog({
  approval,
  onApproved,
  onCancel,
}: {
  approval: ApprovalRequest;
  onApproved: () => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { session } = useSession();
  const load = useCallback(() => api.staff.list(), [api]);
  const staff = useQuery(load);
  const [approver, setApprover] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<PinFeedback>(null);
  const clearFeedback = useCallback(() => setFeedback(null), []);
  const dialog = useRef<HTMLDivElement>(null);
  const me = session?.state === 'signed_in' ? session.staff.id : null;
  const approvers = staff.status === 'ready' ? staff.data.filter((s) => s.role !== 'cashier' && s.id !== me) : [];

  useEffect(() => {
    dialog.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  async function approve(pin: string) {
    if (!approver) return;
    setBusy(true);
    try {
      const result = await api.approvals.grant({ approverId: approver, pin, channel: approval.channel, request: approval.request });
      if (result.outcome === 'approved') onApproved();
      else setFeedback(pinFeedback(result));
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error, 'ask for approval', 'Approval failed.') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="approval-title" tabIndex={-1} ref={dialog}>
        <h2 id="approval-title">Manager approval needed</h2>
        <p className="approval__question" data-testid="approval-question">
          <strong>{approvalQuestion(approval.action, session?.state === 'signed_in' ? session.staff.name : null)}</strong>
        </p>
        <p>A manager approves with their PIN; the approval covers this one action only.</p>
        <StaffPicker staff={approvers} selected={approver} onSelect={setApprover} label="Approving manager" />
        {approver && (
          <PinPad
            key={approver}
            label="Manager PIN"
            length={session?.pinLength ?? 6}
            busy={busy}
            submitLabel="Approve"
            onSubmit={approve}
          />
        )}
        <PinFeedbackMessage feedback={feedback} onExpired={clearFeedback} />
        <div className="actions">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    </div>
  );
}
