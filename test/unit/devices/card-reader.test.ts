import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_PAYMENT_TOKENS, paymentTokenSchema } from '../../../shared/api/payments';
import {
  CardReaderFault,
  checkCardRead,
  guardedReader,
  hasCardNumberShape,
  type CardReader,
} from '../../../electron/main/devices/card-reader';
import { selectCardReader, type CardReaderDriver } from '../../../electron/main/devices/card-reader-selection';
import { SIMULATED_CARDS, SimulatedCardReader } from '../../../electron/main/devices/simulated-card-reader';
import { passesLuhn } from '../../../electron/main/logging/redact';

const card = { brand: 'visa', last4: '4242', entryMode: 'chip' } as const;
const request = { amountMinor: 1_000, currency: 'EUR' };

/** A Luhn-valid number of `length` digits from a random body. */
const luhnNumber = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 }).map((digits) => {
    const body = digits.join('');
    const check = [...'0123456789'].find((d) => passesLuhn(body + d)) as string;
    return body + check;
  });

describe('what a card reader may hand the app', () => {
  it('accepts a token with display data, or a cancelled read', () => {
    expect(checkCardRead({ outcome: 'read', token: 'tok_test_approve', card })).toEqual({
      outcome: 'read',
      token: 'tok_test_approve',
      card,
    });
    expect(checkCardRead({ outcome: 'cancelled', reason: 'timeout' })).toEqual({ outcome: 'cancelled', reason: 'timeout' });
  });

  it('refuses any Luhn-valid 13–19 digit number inside a token, however it is grouped', () => {
    const lengths = fc.integer({ min: 13, max: 19 }).chain((n) => luhnNumber(n));
    fc.assert(
      fc.property(lengths, fc.constantFrom('', '_'), (pan, sep) => {
        const grouped = pan.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
        const token = `tok_${grouped}`;
        // The API's own token shape would let most of these through: the reader guard is what stops them.
        if (sep === '') expect(paymentTokenSchema.safeParse(token).success).toBe(true);
        expect(() => checkCardRead({ outcome: 'read', token, card })).toThrow(CardReaderFault);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an answer carrying a card number, expiry, CVV or track data in any field', () => {
    for (const extra of [{ pan: '4242424242424242' }, { cvv: '123' }, { expiry: '12/30' }, { track2: ';4242424242424242=3012?' }]) {
      expect(() => checkCardRead({ outcome: 'read', token: 'tok_test_approve', card, ...extra })).toThrow(CardReaderFault);
      expect(() => checkCardRead({ outcome: 'read', token: 'tok_test_approve', card: { ...card, ...extra } })).toThrow(CardReaderFault);
    }
    expect(() => checkCardRead({ outcome: 'read', token: 'tok_test_approve', card: { ...card, last4: '4242424242424242' } })).toThrow(
      CardReaderFault,
    );
  });

  it('never echoes what it refused in its error', () => {
    try {
      checkCardRead({ outcome: 'read', token: 'tok_4242424242424242', card });
      expect.fail('accepted');
    } catch (error) {
      expect(String((error as Error).message)).not.toMatch(/\d{6,}/);
    }
  });

  it('lets the shapes real tokens have through', () => {
    expect(hasCardNumberShape('tok_1a2b3c4d5e6f')).toBe(false);
    expect(hasCardNumberShape('tok_test_decline_after_forward')).toBe(false);
    expect(hasCardNumberShape('tok_123456789012')).toBe(false);
  });

  it('guards a driver that misbehaves', async () => {
    const leaky: CardReader = {
      kind: 'hardware',
      name: 'leaky',
      read: () => Promise.resolve({ outcome: 'read', token: 'tok_5555555555554444', card } as never),
    };
    await expect(guardedReader(leaky).read(request)).rejects.toBeInstanceOf(CardReaderFault);
  });
});

describe('the simulated reader', () => {
  it("maps each test card to the sandbox's test token and shows only its last 4", async () => {
    const reader = new SimulatedCardReader();
    const tokens: Record<string, string | null> = {};
    for (const test of reader.testCards) {
      reader.select(test.id);
      const read = checkCardRead(await reader.read());
      tokens[test.id] = read.outcome === 'read' ? read.token : null;
      if (read.outcome === 'read') expect(read.card).toEqual(test.card);
    }
    expect(tokens).toEqual({
      approve: TEST_PAYMENT_TOKENS.approve,
      decline: TEST_PAYMENT_TOKENS.decline,
      insufficient_funds: TEST_PAYMENT_TOKENS.insufficientFunds,
      processing_error: TEST_PAYMENT_TOKENS.processingError,
      decline_after_forward: TEST_PAYMENT_TOKENS.declineAfterForward,
      cancel: null,
    });
    expect(JSON.stringify(SIMULATED_CARDS)).not.toMatch(/\d{5,}/);
  });

  it('still tokenizes with no network: reading never depends on the API', async () => {
    const reader = new SimulatedCardReader();
    expect(await reader.read()).toMatchObject({ outcome: 'read', token: TEST_PAYMENT_TOKENS.approve });
  });
});

describe('choosing the reader', () => {
  const driver: CardReaderDriver = {
    platforms: ['win32'],
    create: () => ({ kind: 'hardware', name: 'Till reader', read: () => Promise.resolve({ outcome: 'cancelled', reason: 'customer' }) }),
  };

  it("uses the platform's driver where one exists, with no test-card control", () => {
    const chosen = selectCardReader('win32', [driver]);
    expect(chosen.reader).toMatchObject({ kind: 'hardware', name: 'Till reader' });
    expect(chosen.simulated).toBeNull();
  });

  it('falls back to the simulated reader elsewhere, guarded the same way', async () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const chosen = selectCardReader(platform, [driver]);
      expect(chosen.reader.kind).toBe('simulated');
      expect(chosen.simulated).toBeInstanceOf(SimulatedCardReader);
    }
    expect(selectCardReader('win32').reader.kind).toBe('simulated');
    expect(await selectCardReader('linux').reader.read(request)).toMatchObject({ outcome: 'read' });
  });

  it('never gives an installed terminal the simulated reader: without a driver, card tender is unavailable', async () => {
    const chosen = selectCardReader('linux', [], { simulatedAllowed: false });
    expect(chosen.simulated).toBeNull();
    await expect(chosen.reader.read(request)).rejects.toMatchObject({ code: 'unavailable' });
    expect(selectCardReader('win32', [driver], { simulatedAllowed: false }).reader).toMatchObject({ name: 'Till reader' });
  });
});
