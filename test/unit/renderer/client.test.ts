import { describe, expect, it } from 'vitest';
import { BridgeError, createClient } from '../../../renderer/src/bridge/client';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { BridgeApi } from '../../../shared/ipc/contract-kit';

const status = {
  productName: 'NoPOS Terminal',
  version: '1.0.0',
  platform: 'linux',
  startedAt: '2026-01-01T00:00:00.000Z',
  now: '2026-01-01T00:00:01.000Z',
} as const;

describe('renderer client', () => {
  it('resolves to the data of a successful call', async () => {
    const bridge = { app: { getStatus: async () => ({ ok: true, data: status }) }, events: {} } as unknown as BridgeApi<NoposContract>;
    await expect(createClient(bridge).app.getStatus()).resolves.toEqual(status);
  });

  it('throws a BridgeError carrying the typed code and message', async () => {
    const bridge = {
      app: { getStatus: async () => ({ ok: false, error: { code: 'forbidden', message: 'You do not have permission to do this.' } }) },
      events: {},
    } as unknown as BridgeApi<NoposContract>;
    const error = await createClient(bridge)
      .app.getStatus()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'You do not have permission to do this.' });
  });

  it('reports a missing bridge method as unavailable instead of crashing', async () => {
    const client = createClient({ app: {}, events: {} } as unknown as BridgeApi<NoposContract>);
    await expect(client.app.getStatus()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
