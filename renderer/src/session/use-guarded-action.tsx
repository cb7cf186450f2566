import { useCallback, useState, type ReactNode } from 'react';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract-kit';
import { BridgeError } from '../bridge/client';
import { useApi } from '../bridge/use-api';
import { ApprovalDialog, type ApprovalRequest } from './ApprovalDialog';

type Channels = NoposContract['channels'];
/** Every channel's name, `area.method`. */
export type ChannelName = { [A in keyof Channels & string]: `${A}.${keyof Channels[A] & string}` }[keyof Channels & string];
type DefOf<N extends ChannelName> = N extends `${infer A extends keyof Channels}.${infer M}`
  ? M extends keyof Channels[A]
    ? Channels[A][M]
    : never
  : never;

/**
 * Calls a channel; when main answers `forbidden`, offers manager approval for that exact request
 * and calls it again once approved. The channel is named once: the same name is called and
 * approved, so the approval can never be for another call. The page never decides who may do
 * what: it only asks.
 */
export function useGuardedAction(): {
  run: <N extends ChannelName>(channel: N, request: RequestOf<DefOf<N>>, action: string) => Promise<ResponseOf<DefOf<N>> | null>;
  dialog: ReactNode;
} {
  const api = useApi();
  const [pending, setPending] = useState<{ approval: ApprovalRequest; resume: (approved: boolean) => void } | null>(null);

  const run = useCallback(
    async <N extends ChannelName>(channel: N, request: RequestOf<DefOf<N>>, action: string): Promise<ResponseOf<DefOf<N>> | null> => {
      const [area, method] = channel.split('.') as [string, string];
      // The name is checked against the contract by its type, so the client has this method.
      const methods = (api as unknown as Record<string, Record<string, (request: unknown) => Promise<ResponseOf<DefOf<N>>>>>)[area] ?? {};
      const call = () => (methods[method] as (request: unknown) => Promise<ResponseOf<DefOf<N>>>)(request);
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof BridgeError) || error.code !== 'forbidden') throw error;
      }
      const approved = await new Promise<boolean>((resume) => setPending({ approval: { action, channel, request }, resume }));
      setPending(null);
      return approved ? call() : null;
    },
    [api],
  );

  const dialog = pending ? (
    <ApprovalDialog approval={pending.approval} onApproved={() => pending.resume(true)} onCancel={() => pending.resume(false)} />
  ) : null;
  return { run, dialog };
}
