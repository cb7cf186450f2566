import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BridgeError } from '../../../renderer/src/bridge/client';
import { describeError, errorMessage } from '../../../renderer/src/bridge/messages';
import { contract } from '../../../shared/ipc/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Issue 15, item 6: no developer wording ever reaches a cashier. Every channel's validation errors,
// from the real registry, go through the page's error helper; what comes out is plain words.

/** Field names, zod codes, dotted channel names, snake_case codes: what a cashier must never read. */
const DEVELOPER_WORDING =
  /\b[a-z]+[A-Z]\w*\b|invalid[ _](type|value|union|format|string)|too[ _](big|small)|unrecognized|\brequest:|\bzod\b|\bundefined\b|\bNaN\b|\bnull\b|\w_\w|\b[a-z]+\.[a-z]+[A-Z]?\w*\b/;

let t: TerminalFixture;
beforeAll(async () => {
  t = await terminalFixture();
  const admin = await t.addStaff('Ada', 'admin', '739164');
  expect((await t.core.session.signIn(admin, '739164')).outcome).toBe('signed_in');
});
afterAll(() => t.close());

/** Bad payloads for a channel: wrong types, unknown fields, and each field over its limits or of the wrong kind. */
function badPayloads(request: z.ZodType): unknown[] {
  const payloads: unknown[] = [42, 'text', [1], { unexpected: true }];
  if (request instanceof z.ZodObject) {
    for (const key of Object.keys(request.shape as Record<string, unknown>)) {
      payloads.push({ [key]: 1e15 }, { [key]: -1 }, { [key]: 'x'.repeat(2_000) }, { [key]: { nested: [] } });
    }
  }
  return payloads;
}

describe('validation errors as the cashier reads them', () => {
  const channels = listChannels(contract);

  it('covers every channel of the contract', () => {
    expect(channels.length).toBeGreaterThan(40);
  });

  for (const { name, def } of channels) {
    it(`${name}: every refused request reads as plain words`, async () => {
      for (const payload of badPayloads(def.request as z.ZodType)) {
        const result = await t.call(name, payload);
        // A payload may happen to be valid for a channel with no required fields; only refusals count here.
        if (result.ok || result.error.code !== 'invalid_request') continue;
        const said = describeError(new BridgeError(result.error.code, result.error.message), 'do this');
        expect(said, `${name} ${JSON.stringify(payload).slice(0, 60)} said ${JSON.stringify(result.error.message)}`).not.toMatch(
          DEVELOPER_WORDING,
        );
        expect(said.length).toBeGreaterThan(10);
      }
    });
  }

  it('words the other failures without codes too, and anything that is not a bridge error', () => {
    for (const code of [
      'unknown_channel',
      'untrusted_sender',
      'invalid_response',
      'internal',
      'rate_limited',
      'unauthenticated',
    ] as const) {
      expect(describeError(new BridgeError(code, 'invalid_response: registry.dispatch'), 'take payments')).not.toMatch(DEVELOPER_WORDING);
    }
    expect(errorMessage(new TypeError('Cannot read properties of undefined'), 'sell', 'Something went wrong. Nothing was changed.')).toBe(
      'Something went wrong. Nothing was changed.',
    );
  });

  it('the raw registry answer does carry developer wording (so the check above can fail)', async () => {
    const result = await t.call('sales.tenderCash', { saleId: 'x', paymentId: 'y', givenMinor: 1e15 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(DEVELOPER_WORDING);
  });
});
