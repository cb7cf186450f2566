import { describe, expect, it, vi } from 'vitest';
import { buildBridge, type BridgeTransport } from '../../../shared/ipc/bridge';
import { contractNames } from '../../../shared/ipc/contract-kit';
import { testContract } from '../../support/test-contract';

function fakeTransport(overrides: Partial<BridgeTransport> = {}): BridgeTransport & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    invoke: async (channel, payload) => {
      calls.push([channel, payload]);
      return { ok: true, data: channel };
    },
    subscribe: () => () => {},
    ...overrides,
  };
}

describe('buildBridge (what the preload exposes as window.nopos)', () => {
  it('has one function per channel and one subscribe per event, grouped by area, and nothing else', () => {
    const bridge = buildBridge(contractNames(testContract), fakeTransport());
    expect(Object.keys(bridge).sort()).toEqual(['echo', 'events', 'till']);
    expect(Object.keys(bridge.echo!).sort()).toEqual(['nothing', 'say']);
    expect(Object.keys(bridge.till!).sort()).toEqual(['crash', 'lie', 'open', 'refuse', 'slow']);
    expect(Object.keys(bridge.events.till!)).toEqual(['changed']);
    const all = JSON.stringify(Object.keys(bridge));
    for (const forbidden of ['send', 'on', 'invoke', 'ipcRenderer', 'require']) expect(all).not.toContain(`"${forbidden}"`);
  });

  it('routes each method to its own channel name', async () => {
    const transport = fakeTransport();
    const bridge = buildBridge(contractNames(testContract), transport);
    await expect((bridge.echo!.say as (r: unknown) => Promise<unknown>)({ text: 'hi' })).resolves.toEqual({ ok: true, data: 'echo.say' });
    expect(transport.calls).toEqual([['echo.say', { text: 'hi' }]]);
  });

  it('turns a transport failure into a typed unavailable result', async () => {
    const bridge = buildBridge(contractNames(testContract), fakeTransport({ invoke: () => Promise.reject(new Error('channel closed')) }));
    await expect((bridge.echo!.nothing as () => Promise<unknown>)()).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.any(String) },
    });
  });

  it('hands event listeners the payload alone and returns an unsubscribe', () => {
    let deliver: ((payload: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    const bridge = buildBridge(
      contractNames(testContract),
      fakeTransport({
        subscribe: (_event, listener) => {
          deliver = listener;
          return unsubscribe;
        },
      }),
    );
    const listener = vi.fn();
    const off = (bridge.events.till!.changed as (l: unknown) => () => void)(listener);
    deliver!({ open: true });
    expect(listener).toHaveBeenCalledWith({ open: true });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('refuses a listener that is not a function', () => {
    const bridge = buildBridge(contractNames(testContract), fakeTransport());
    expect(() => (bridge.events.till!.changed as (l: unknown) => unknown)('alert(1)')).toThrow(TypeError);
  });
});
