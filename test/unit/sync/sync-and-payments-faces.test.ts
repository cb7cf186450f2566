import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/main/core/app-core';
import { isAppProtocolSender } from '../../../electron/main/ipc/sender';
import type { Sync } from '../../../electron/main/sync';
import { memoryKeychain } from '../../support/memory-keychain';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';
import { trustedSender } from '../../support/test-contract';

// Issue 14: the sync and payments channels are served by their areas' faces, not built in handlers/.

let t: TerminalFixture;
let sync: Sync | null = null;
afterEach(() => {
  sync?.close();
  sync = null;
  t.close();
});

describe('the sync face', () => {
  it('serves the sync channels from the sync it built: the core only passes them on', async () => {
    const keychain = memoryKeychain();
    t = await terminalFixture({ keychain });
    // An address nothing answers on: the engine is never started, so nothing is sent.
    const core = createAppCore({
      appInfo: { productName: 'NoPOS Terminal', version: '1.0.0', platform: 'linux', startedAt: t.clock.now() },
      now: t.clock.now,
      storage: t.storage,
      isTrustedSender: isAppProtocolSender,
      sync: { keychain, baseUrl: 'https://127.0.0.1:9', exportDir: path.join(t.dir, 'exports') },
    });
    sync = core.sync;
    if (!sync) throw new Error('the core built no sync from its options');
    expect(core.handlers.sync).toBe(sync.handlers.sync);
    const status = await core.registry.dispatch('sync.status', undefined, trustedSender);
    expect(status).toEqual({ ok: true, data: sync.engine.status() });
  });

  it('without sync, answers its status as unavailable and still lists what needs attention', async () => {
    t = await terminalFixture();
    const manager = await t.addStaff('Manny', 'manager', '205837');
    expect((await t.core.session.signIn(manager, '205837')).outcome).toBe('signed_in');
    const status = await t.call('sync.status');
    expect(status.ok ? null : status.error.code).toBe('unavailable');
    expect(await t.call('sync.needsAttention')).toEqual({ ok: true, data: [] });
  });
});

describe('the payments face', () => {
  it('serves the payments channels the core dispatches', async () => {
    t = await terminalFixture();
    expect(t.core.handlers.payments).toBe(t.core.payments.handlers.payments);
    const cashier = await t.addStaff('Cass', 'cashier', '482913');
    expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
    expect(await t.call('payments.offlineStatus')).toEqual({ ok: true, data: t.core.payments.cards.offlineStatus() });
  });
});
