import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcRegistry } from '../../electron/main/ipc/registry';
import { isAppProtocolSender } from '../../electron/main/ipc/sender';
import { contract } from '../../shared/ipc/contract';
import { contractNames, defineContract } from '../../shared/ipc/contract-kit';
import { buildBridge } from '../../shared/ipc/bridge';
import { createTally } from '../fixtures/throwaway-area';
import { tallyChannels } from '../fixtures/throwaway-area/channels';
import { terminalFixture, type TerminalFixture } from '../support/terminal-fixture';
import { trustedSender } from '../support/test-contract';

// README "Adding an area", done for real with a throw-away area in test/fixtures/: its channels
// composed into the contract, its face's handlers beside the real areas', the real staff session as
// the gate. Nothing else is written: the registry validates, checks permission and serves it, and
// the preload's bridge gets its methods from the contract's names.

let t: TerminalFixture;
beforeEach(async () => {
  t = await terminalFixture();
});
afterEach(() => t.close());

const logged: Record<string, unknown>[] = [];

function withTally() {
  const extended = defineContract({ channels: { ...contract.channels, tally: tallyChannels }, events: contract.events });
  const tally = createTally({ log: (entry) => logged.push(entry) });
  const registry = createIpcRegistry({
    contract: extended,
    handlers: { ...t.core.handlers, tally: tally.handlers },
    isTrustedSender: isAppProtocolSender,
    accessGate: t.core.session,
    now: () => t.clock.now().getTime(),
    log: () => {},
  });
  return { extended, registry };
}

describe('adding an area', () => {
  it('is served beside the real areas: validated, permission-checked, its handler reached', async () => {
    const { registry } = withTally();
    expect(registry.channelNames).toEqual(expect.arrayContaining(['tally.add', 'tally.total', 'sales.current']));
    expect(await registry.dispatch('tally.total', undefined, trustedSender)).toEqual({ ok: true, data: { total: 0 } });
    // Not signed in: the real session refuses the guarded channel before its handler runs.
    expect(await registry.dispatch('tally.add', { by: 2 }, trustedSender)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const cashier = await t.addStaff('Cass', 'cashier', '482913');
    expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
    expect(await registry.dispatch('tally.add', { by: 11 }, trustedSender)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await registry.dispatch('tally.add', { by: 3 }, trustedSender)).toEqual({ ok: true, data: { total: 3 } });
    expect(logged).toEqual([{ event: 'tally.added', by: 3, staffId: cashier }]);
    // The real areas are served as before, by the same registry.
    expect(await registry.dispatch('sales.current', undefined, trustedSender)).toMatchObject({ ok: true });
  });

  it('reaches the page through the bridge built from the contract alone', async () => {
    const { extended } = withTally();
    const calls: string[] = [];
    const bridge = buildBridge(contractNames(extended), {
      invoke: async (name) => (calls.push(name), { ok: true, data: null }),
      subscribe: () => () => {},
    }) as unknown as {
      tally: { add: (request: unknown) => Promise<unknown> };
    };
    await bridge.tally.add({ by: 1 });
    expect(calls).toEqual(['tally.add']);
  });
});
