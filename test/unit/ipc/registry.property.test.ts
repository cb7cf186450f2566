import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/main/core/app-core';
import { createIpcRegistry, type IpcRegistry } from '../../../electron/main/ipc/registry';
import { isAppProtocolSender } from '../../../electron/main/ipc/sender';
import { contract } from '../../../shared/ipc/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';
import { ipcErrorCodeSchema, ipcResultSchema } from '../../../shared/ipc/errors';
import { memoryKeychain, openTestStorage, tempDir } from '../../support/storage';
import { gateGranting, SECRET, testContract, testHandlers, trustedSender } from '../../support/test-contract';

let tick = 0;
const scratch = tempDir('property');
afterAll(() => {
  storage.close();
  scratch.cleanup();
});
// The real core over a real encrypted database; only the keychain is an in-memory stand-in.
const storage = await openTestStorage(memoryKeychain(), scratch.dir, { now: () => new Date(tick) });
const realCore = createAppCore({
  appInfo: { productName: 'NoPOS Terminal', version: '1.2.3', platform: 'linux', startedAt: new Date(0) },
  // Each call sees a clock 100 seconds on, so even the tightest rate limit refills: this test is about payloads.
  now: () => new Date((tick += 100_000)),
  isTrustedSender: isAppProtocolSender,
  storage,
  accessGate: gateGranting('manage:settings', 'read:audit'),
});

const fixtureRegistry = createIpcRegistry({
  contract: testContract,
  handlers: testHandlers,
  isTrustedSender: isAppProtocolSender,
  accessGate: gateGranting('open:drawer'),
  now: () => 0,
  log: () => {},
  defaultRateLimit: { burst: 1e9, perSecond: 1e9 },
});

const registries: [string, IpcRegistry, string[]][] = [
  ['the real contract', realCore.registry, listChannels(contract).map((c) => c.name)],
  // till.slow has its own tight limit, tested in registry.test.ts.
  [
    'the fixture contract',
    fixtureRegistry,
    listChannels(testContract)
      .filter((c) => !c.def.rateLimit)
      .map((c) => c.name),
  ],
];

// Payloads of every shape, including prototype-pollution keys and huge strings, mixed with
// near-valid ones so that validation and the handlers behind it are reached too.
const hostilePayload = fc.oneof(
  fc.constant(undefined),
  fc.record({ text: fc.string({ maxLength: 25 }) }),
  fc.record({ reason: fc.string() }, { requiredKeys: [] }),
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withObjectString: true,
  }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'text', 'reason', 'toString'), fc.anything()),
  fc.string({ maxLength: 5000 }),
);

describe.each(registries)('every channel of %s under hostile payloads', (_name, registry, names) => {
  it('always answers a well-formed envelope, never throws, never leaks', async () => {
    const unhandled: unknown[] = [];
    const outcomes = new Set<string>();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), hostilePayload, async (channel, payload) => {
          const result = await registry.dispatch(channel, payload, { ...trustedSender, id: `p-${channel}` });
          expect(ipcResultSchema.safeParse(result).success).toBe(true);
          outcomes.add(result.ok ? 'ok' : result.error.code);
          if (!result.ok) {
            expect(ipcErrorCodeSchema.safeParse(result.error.code).success).toBe(true);
            expect(result.error.message).not.toMatch(/\n\s+at /);
            expect(result.error.message).not.toContain(SECRET);
          }
        }),
        { numRuns: 2500 },
      );
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    // The payloads really reached validation (and, where valid, the handlers) instead of a limiter.
    expect(outcomes.has('rate_limited')).toBe(false);
    expect(outcomes).toContain('ok');
    // No payload managed to add anything to every object.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  }, 30_000); // grows with the contract: runs per channel

  it('answers random channel names and senders with a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom(...names)),
        fc.record({
          id: fc.string(),
          url: fc.option(
            fc.oneof(fc.webUrl(), fc.constantFrom('app://nopos/index.html', 'app://nopos/', 'app://nopos.evil/', 'app://other/index.html')),
          ),
          isMainFrame: fc.boolean(),
          authenticated: fc.boolean(),
        }),
        hostilePayload,
        async (channel, sender, payload) => {
          const result = await registry.dispatch(channel, payload, sender);
          expect(ipcResultSchema.safeParse(result).success).toBe(true);
          if (!isAppProtocolSender(sender)) expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
        },
      ),
      { numRuns: 1500 },
    );
  });
});
