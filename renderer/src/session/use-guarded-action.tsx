import { useCallback, useState, type ReactNode } from 'react';
import { BridgeError } from '../bridge/client';
import { ApprovalDialog, type ApprovalRequest } from './ApprovalDialog';

/**
 * Runs an action; when main answers `forbidden`, offers manager approval for that exact request
 * and runs it again once approved. The page never decides who may do what: it only asks.
 */
export function useGuardedAction(): {
  run: <T>(approval: ApprovalRequest, action: () => Promise<T>) => Promise<T | null>;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<{ approval: ApprovalRequest; resume: (approved: boolean) => void } | null>(null);

  const run = useCallback(async <T,>(approval: ApprovalRequest, action: () => Promise<T>): Promise<T | null> => {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof BridgeError) || error.code !== 'forbidden') throw error;
    }
    const approved = await new Promise<boolean>((resume) => setPending({ approval, resume }));
    setPending(null);
    return approved ? action() : null;
  }, []);

  const dialog = pending ? (
    <ApprovalDialog approval={pending.approval} onApproved={() => pending.resume(true)} onCancel={() => pending.resume(false)} />
  ) : null;
  return { run, dialog };
}
