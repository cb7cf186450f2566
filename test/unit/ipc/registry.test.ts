import { describe, expect, it } from 'vitest';
import { createIpcRegistry, type IpcLogEntry } from '../../../electron/main/ipc/registry';
import { isAppProtocolSender, type SenderContext } from '../../../electron/main/ipc/sender';
import { ipcResultSchema } from '../../../shared/ipc/errors';
import { gateGranting, SECRET, signedOutGate, testContract, testHandlers, trustedSender } from '../../support/test-contract';

function setup(options: { gate?: ReturnType<typeof gateGranting>; now?: () => number } = {}) {
  const logs: IpcLogEntry[] = [];
  const registry = createIpcRegistry({
    contract: testContract,
    handlers: testHandlers,
    isTrustedSender: isAppProtocolSender,
    accessGate: options.gate ?? gateGranting(),
    now: options.now ?? (() => 0),
    log: (entry) => logs.push(entry),
  });
  return { registry, logs };
}

describe('IPC registry', () => {
  it('answers a valid call on a public channel with the parsed response', async () => {
    const { registry } = setup();
    await expect(registry.dispatch('echo.say', { text: 'hello' }, trustedSender)).resolves.toEqual({ ok: true, data: { text: 'hello' } });
    await expect(registry.dispatch('echo.nothing', undefined, trustedSender)).resolves.toEqual({ ok: true, data: 'ok' });
  });

  it('lists exactly the contract channels', () => {
    expect(setup().registry.channelNames).toEqual([
      'echo.say',
      'echo.nothing',
      'till.open',
      'till.crash',
      'till.refuse',
      'till.lie',
      'till.slow',
    ]);
  });

  it('refuses to start when a channel has no handler', () => {
    const handlers = { ...testHandlers, till: { ...testHandlers.till, open: undefined } };
    expect(() =>
      createIpcRegistry({
        contract: testContract,
        handlers: handlers as never,
        isTrustedSender: () => true,
        accessGate: signedOutGate,
        now: () => 0,
        log: () => {},
      }),
    ).toThrow('No handler for channel till.open');
  });

  it('rejects an unknown channel with a typed error and logs it', async () => {
    const { registry, logs } = setup();
    const result = await registry.dispatch('till.emptyIntoMyPocket', {}, trustedSender);
    expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: expect.any(String) } });
    expect(logs).toEqual([{ kind: 'rejected', channel: 'till.emptyIntoMyPocket', code: 'unknown_channel', senderId: 'wc-1' }]);
  });

  it.each([
    ['a file:// page', { url: 'file:///etc/passwd' }],
    ['a remote page', { url: 'https://evil.example/index.html' }],
    ['a look-alike host', { url: 'app://nopos.evil/index.html' }],
    ['a subframe of the app', { isMainFrame: false }],
    ['an unknown frame', { url: null }],
    ['an unauthenticated transport', { authenticated: false }],
  ] as [string, Partial<SenderContext>][])('drops calls from %s before doing anything else', async (_name, override) => {
    const { registry, logs } = setup();
    const sender = { ...trustedSender, ...override };
    const result = await registry.dispatch('echo.say', { text: 'hi' }, sender);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(logs[0]).toMatchObject({ kind: 'rejected', code: 'untrusted_sender' });
  });

  it.each([
    ['a missing payload', undefined],
    ['a wrong type', { text: 42 }],
    ['an extra field', { text: 'hi', admin: true }],
    ['an over-long string', { text: 'x'.repeat(21) }],
    ['a non-object', 'DROP TABLE sales'],
  ])('rejects %s as invalid_request without echoing the input', async (_name, payload) => {
    const { registry } = setup();
    const result = await registry.dispatch('echo.say', payload, trustedSender);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(JSON.stringify(result)).not.toContain('DROP TABLE');
    expect(JSON.stringify(result)).not.toContain('xxxxxxxxxxxxxxxxxxxxx');
  });

  it('names the failing field in an invalid_request message', async () => {
    const result = await setup().registry.dispatch('echo.say', { text: 42 }, trustedSender);
    expect(result.ok === false && result.error.message).toMatch(/text: invalid type/);
  });

  it('refuses a guarded channel to a caller without the permission, naming who tried', async () => {
    const { registry, logs } = setup({ gate: gateGranting('read:products') });
    const result = await registry.dispatch('till.open', { reason: 'float' }, trustedSender);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(logs).toEqual([{ kind: 'rejected', channel: 'till.open', code: 'forbidden', senderId: 'wc-1', staffId: 'staff-test' }]);
  });

  it('validates before authorising, so a malformed call can never use up an approval', async () => {
    let asked = 0;
    const registry = createIpcRegistry({
      contract: testContract,
      handlers: testHandlers,
      isTrustedSender: () => true,
      accessGate: {
        authorize: () => (asked++, { allowed: true, actorId: 'x' }),
        stepUp: () => ({ allowed: false, code: 'forbidden', actorId: 'x' }),
      },
      now: () => 0,
      log: () => {},
    });
    await expect(registry.dispatch('till.open', { bogus: true }, trustedSender)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(asked).toBe(0);
  });

  it('hands the handler the actor and approver the gate vouched for', async () => {
    const seen: unknown[] = [];
    const handlers = {
      ...testHandlers,
      till: {
        ...testHandlers.till,
        open: (_r: unknown, ctx: { actorId: string | null; approverId?: string }) => (seen.push(ctx), { opened: true }),
      },
    };
    const registry = createIpcRegistry({
      contract: testContract,
      handlers: handlers as typeof testHandlers,
      isTrustedSender: () => true,
      accessGate: {
        authorize: () => ({ allowed: true, actorId: 'st-cashier', approverId: 'st-manager' }),
        stepUp: () => ({ allowed: false, code: 'forbidden', actorId: 'st-cashier' }),
      },
      now: () => 0,
      log: () => {},
    });
    await registry.dispatch('till.open', { reason: 'x' }, trustedSender);
    expect(seen).toEqual([expect.objectContaining({ actorId: 'st-cashier', approverId: 'st-manager' })]);
  });

  it('allows a guarded channel to a caller with the permission', async () => {
    const { registry } = setup({ gate: gateGranting('open:drawer') });
    await expect(registry.dispatch('till.open', { reason: 'change' }, trustedSender)).resolves.toEqual({
      ok: true,
      data: { opened: true },
    });
  });

  it('asks for sign-in when nobody is signed in', async () => {
    const registry = createIpcRegistry({
      contract: testContract,
      handlers: testHandlers,
      isTrustedSender: () => true,
      accessGate: signedOutGate,
      now: () => 0,
      log: () => {},
    });
    await expect(registry.dispatch('till.open', { reason: 'x' }, trustedSender)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    await expect(registry.dispatch('echo.nothing', undefined, trustedSender)).resolves.toMatchObject({ ok: true });
  });

  it('turns a crash into a generic internal error with no stack, message or secret', async () => {
    const { registry, logs } = setup();
    const result = await registry.dispatch('till.crash', undefined, trustedSender);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    const text = JSON.stringify(result) + JSON.stringify(logs);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('exploded');
    expect(text).not.toMatch(/\bat .*\(|\.ts:\d+/);
    expect(logs).toEqual([{ kind: 'failed', channel: 'till.crash', code: 'internal', senderId: 'wc-1', errorName: 'Error' }]);
  });

  it('passes a deliberate AppError through with its code and message', async () => {
    await expect(setup().registry.dispatch('till.refuse', undefined, trustedSender)).resolves.toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The drawer is already open.' },
    });
  });

  it('never lets a response that breaks its schema reach the page', async () => {
    const { registry, logs } = setup();
    const result = await registry.dispatch('till.lie', undefined, trustedSender);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
    expect(JSON.stringify(result)).not.toContain('12.5');
    expect(logs[0]).toMatchObject({ kind: 'failed', code: 'invalid_response' });
  });

  it('caps the call rate per sender and channel, and refills over time', async () => {
    let now = 0;
    const { registry } = setup({ now: () => now });
    const call = (sender = trustedSender) => registry.dispatch('till.slow', undefined, sender);
    expect((await call()).ok).toBe(true);
    expect((await call()).ok).toBe(true);
    await expect(call()).resolves.toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // Another window has its own bucket; another channel is unaffected.
    expect((await call({ ...trustedSender, id: 'wc-2' })).ok).toBe(true);
    expect((await registry.dispatch('echo.nothing', undefined, trustedSender)).ok).toBe(true);
    now += 1000;
    expect((await call()).ok).toBe(true);
    await expect(call()).resolves.toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('holds a flood to the default burst', async () => {
    const { registry } = setup();
    const results = await Promise.all(Array.from({ length: 500 }, () => registry.dispatch('echo.nothing', undefined, trustedSender)));
    expect(results.filter((r) => r.ok)).toHaveLength(40);
    expect(results.every((r) => ipcResultSchema.safeParse(r).success)).toBe(true);
  });
});
