import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerIpcHandlers, type IpcEventLike } from '../../../electron/main/ipc/electron-ipc';
import { createIpcRegistry, type IpcLogEntry } from '../../../electron/main/ipc/registry';
import { isAppProtocolSender } from '../../../electron/main/ipc/sender';
import { contract } from '../../../shared/ipc/contract';
import { channel, defineContract, listChannels } from '../../../shared/ipc/contract-kit';
import { checkPayloadBounds, IPC_PAYLOAD_BOUNDS } from '../../../shared/ipc/payload-bounds';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';
import { gateGranting } from '../../support/test-contract';

// Regression: `approvals.grant` with a `request` nested ~120,000 levels deep overflowed the stack in
// the contract's size refine (JSON.stringify); the answer was `internal` and app.log had a RangeError.
// Every payload on every channel must now be refused as `invalid_request` before any deep walk.

const DEEP = 120_000;

/** Built in a loop: the test itself must not recurse. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}
function nestedArrays(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

let t: TerminalFixture | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

describe('deep nesting escapes validation (regression)', () => {
  it('refuses approvals.grant with a request nested 120,000 deep as invalid_request, and logs no failure', async () => {
    t = await terminalFixture();
    const cashier = await t.addStaff('Cass', 'cashier', '482913');
    const manager = await t.addStaff('Manny', 'manager', '205837');
    expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
    for (const request of [nested(DEEP), nestedArrays(DEEP)]) {
      const result = await t.call('approvals.grant', { approverId: manager, pin: '205837', channel: 'drawer.open', request });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    const appLog = t.storage.appLog.path;
    expect(existsSync(appLog) ? readFileSync(appLog, 'utf8') : '').not.toMatch(/RangeError|ipc\.failed/);
  });

  it('refuses a deeply nested payload on every channel of the contract as invalid_request', async () => {
    t = await terminalFixture();
    for (const { name } of listChannels(contract)) {
      for (const payload of [nested(DEEP), nestedArrays(DEEP), { request: nested(40) }]) {
        t.clock.advance(60); // past every channel's rate limit
        const result = await t.call(name, payload);
        expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      }
    }
  }, 30_000); // grows with the contract: every channel, three 120,000-deep payloads

  it('the approval request schema itself measures size without recursing', () => {
    const schema = contract.channels.approvals.grant.request;
    const base = { approverId: 'st_manny0000000', pin: '205837', channel: 'drawer.open' };
    expect(() => schema.safeParse({ ...base, request: nested(DEEP) })).not.toThrow();
    expect(schema.safeParse({ ...base, request: nested(DEEP) }).success).toBe(false);
    expect(schema.safeParse({ ...base, request: { note: 'x'.repeat(20_000) } }).success).toBe(false);
    expect(schema.safeParse({ ...base, request: { reason: 'no_sale' } }).success).toBe(true);
  });

  it('refuses it on the Electron IPC path before the handler or zod sees it', async () => {
    // A schema that walks its input, as a size refine or a recursive schema would.
    let schemaRan = false;
    const walking = defineContract({
      channels: {
        notes: {
          keep: channel({
            request: z.unknown().refine((value) => ((schemaRan = true), JSON.stringify(value).length < 1_000)),
            response: z.null(),
            access: 'public',
          }),
        },
      },
      events: {},
    });
    const logs: IpcLogEntry[] = [];
    const registry = createIpcRegistry({
      contract: walking,
      handlers: { notes: { keep: () => null } },
      isTrustedSender: isAppProtocolSender,
      accessGate: gateGranting(),
      now: () => 0,
      log: (entry) => logs.push(entry),
    });
    const listeners = new Map<string, (event: IpcEventLike, payload: unknown) => Promise<unknown>>();
    registerIpcHandlers({ handle: (name, listener) => void listeners.set(name, listener) }, registry);
    const mainFrame = { url: 'app://nopos/index.html' };
    const event: IpcEventLike = {
      sender: { id: 1, mainFrame, getURL: () => mainFrame.url, isDestroyed: () => false, send: () => {} },
      senderFrame: mainFrame,
    };
    const keep = listeners.get('nopos:call:notes.keep')!;
    await expect(keep(event, nested(DEEP))).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await expect(keep(event, nested(IPC_PAYLOAD_BOUNDS.maxDepth + 1))).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    await expect(keep(event, new Map())).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(schemaRan).toBe(false);
    expect(logs).toHaveLength(3);
    expect(logs.every((entry) => entry.kind === 'rejected' && entry.code === 'invalid_request')).toBe(true);
    await expect(keep(event, { a: 1 })).resolves.toEqual({ ok: true, data: null });
    expect(schemaRan).toBe(true);
  });
});

describe('payload bounds', () => {
  it('measures any JSON value exactly as JSON.stringify would write it', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const verdict = checkPayloadBounds(value, { maxDepth: 32, maxNodes: 1_000_000, maxJsonChars: 10_000_000 });
        expect(verdict).toEqual({ ok: true, jsonChars: JSON.stringify(value).length });
      }),
    );
  });

  it('stops at the depth, node and size bounds', () => {
    expect(checkPayloadBounds(nested(IPC_PAYLOAD_BOUNDS.maxDepth - 1)).ok).toBe(true);
    expect(checkPayloadBounds(nested(IPC_PAYLOAD_BOUNDS.maxDepth + 1))).toEqual({ ok: false, reason: 'too_deep' });
    expect(checkPayloadBounds(new Array(IPC_PAYLOAD_BOUNDS.maxNodes + 1).fill(0))).toEqual({ ok: false, reason: 'too_large' });
    expect(checkPayloadBounds({ text: 'x'.repeat(IPC_PAYLOAD_BOUNDS.maxJsonChars) })).toEqual({ ok: false, reason: 'too_large' });
    expect(checkPayloadBounds(undefined)).toEqual({ ok: true, jsonChars: 0 });
  });

  it.each([
    ['a Map', new Map([['a', 1]])],
    ['a Date', new Date(0)],
    ['a typed array', new Uint8Array(4)],
    ['a function', () => 1],
    ['a bigint', 1n],
    [
      'a class instance inside an object',
      {
        nested: new (class Thing {
          readonly kind = 'thing';
        })(),
      },
    ],
  ])('refuses %s: no contract carries anything but JSON data', (_name, value) => {
    expect(checkPayloadBounds(value)).toEqual({ ok: false, reason: 'not_plain_data' });
  });
});
