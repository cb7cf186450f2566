import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD, isSecretField, passesLuhn, redact, redactString, REDACTED } from '../../../electron/main/logging/redact';

// Test card numbers from the card networks' published test ranges: they pass Luhn like real ones.
const CARDS = [
  '4111111111111111',
  '4242424242424242',
  '5555555555554444',
  '378282246310005',
  '6011111111111117',
  '3530111333300000',
  '4000056655665556',
  '6200000000000005',
  '4222222222222',
  '6011000990139424009',
];

describe('redactor', () => {
  it('knows the Luhn check', () => {
    for (const card of CARDS) expect(passesLuhn(card)).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it.each(CARDS)('removes card number %s in every common shape', (card) => {
    const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    const dashed = card.replace(/(\d{4})(?=\d)/g, '$1-');
    const shapes = [
      card,
      `card ${card} declined`,
      spaced,
      dashed,
      `{"pan":"${card}"}`,
      `{"number": "${spaced}"}`,
      `https://pay.example/charge?number=${card}&amount=100`,
      `ref:${card};`,
    ];
    for (const shape of shapes) {
      const out = redactString(shape);
      expect(out).not.toContain(card);
      expect(out.replace(/[ -]/g, '')).not.toContain(card);
      expect(out).toContain(CARD);
    }
  });

  it('leaves ordinary numbers alone: amounts, ids, non-Luhn digit runs', () => {
    for (const text of ['total 129900 EUR', 'receipt 20261129-000123', 'order 4111111111111112', 'phone +44 20 7946 0958']) {
      expect(redactString(text)).toBe(text);
    }
  });

  it('never takes a millisecond timestamp (2001–2033: they start with 1) for a card, as text or as a number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e12, max: 2e12 - 1 }), (ms) => {
        expect(redactString(`lockedUntil ${ms}`)).toBe(`lockedUntil ${ms}`);
        expect(redact({ lockedUntilMs: ms })).toEqual({ lockedUntilMs: ms });
      }),
    );
  });

  it('finds card numbers split by dots, double spaces or underscores', () => {
    for (const text of ['4111.1111.1111.1111', '4111  1111  1111  1111', '4111_1111_1111_1111']) expect(redactString(text)).toBe(CARD);
  });

  it.each([
    ['Authorization: Bearer sk_live_51HxYzAbCdEf0123456789', 'sk_live_51HxYzAbCdEf0123456789'],
    ['key sk_test_4eC39HqLyjWDarjtT1zdp7dc in config', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    ['webhook whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['GET https://api.nopos.dev/v1/products?api_key=abc123def456&page=2', 'abc123def456'],
    ['GET /v1/x?access_token=zz9988aa&x=1', 'zz9988aa'],
    [
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlX2hlcmU',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlX2hlcmU',
    ],
    ['{"cvv":"123","amount":100}', '"123"'],
    ['cvc: 4567', '4567'],
    ['security_code=987', '987'],
    ['PIN=482913 entered', '482913'],
    ['password: hunter22', 'hunter22'],
    ['https://admin:s3cretPass@api.nopos.dev/v1', 's3cretPass'],
    ['Basic YWRtaW46czNjcmV0UGFzcw==', 'YWRtaW46czNjcmV0UGFzcw=='],
    ['Authorization: Token abcdef0123456789', 'abcdef0123456789'],
    ['client_secret=s3cr3tValue&grant=x', 's3cr3tValue'],
    ['refresh_token=rt-998877 id_token=it-112233', 'rt-998877'],
    ['x_api_key: kk-443322', 'kk-443322'],
    ['{"sessionToken":"tok value with spaces"}', 'tok value with spaces'],
    ['password="two words"', 'two words'],
    [`key="x'${'ab'.repeat(32)}'"`, 'ab'.repeat(32)],
    [`digest ${'c0ffee'.repeat(8)}`, 'c0ffee'.repeat(8)],
  ])('removes the secret from %s', (text, secret) => {
    expect(redactString(text)).not.toContain(secret);
    expect(redactString(text)).toContain(REDACTED);
  });

  it('replaces the values of secret-named fields at any depth, and keeps the rest', () => {
    const out = redact({
      staffId: 'st_12',
      pin: '1234',
      newPin: '5678',
      apiKey: 'k',
      headers: { 'X-Api-Key': 'abc', Authorization: 'Bearer abcdefghijkl', accept: 'json' },
      payment: { token: 'tok_123', last4: '4242', cvv: 123, card_number: '4111 1111 1111 1111' },
      items: [{ sku: 'A-1', amountMinor: 1299, note: 'pan 4111-1111-1111-1111' }],
      shipping: 'express',
      cardNumberAsNumber: 4111111111111111,
    });
    expect(out).toEqual({
      staffId: 'st_12',
      pin: REDACTED,
      newPin: REDACTED,
      apiKey: REDACTED,
      headers: { 'X-Api-Key': REDACTED, Authorization: REDACTED, accept: 'json' },
      payment: { token: REDACTED, last4: '4242', cvv: REDACTED, card_number: REDACTED },
      items: [{ sku: 'A-1', amountMinor: 1299, note: `pan ${CARD}` }],
      shipping: 'express',
      cardNumberAsNumber: REDACTED,
    });
  });

  it('never writes raw bytes', () => {
    expect(redact({ blob: Buffer.from('4111111111111111') })).toEqual({ blob: REDACTED });
    expect(redact(new Uint8Array([1, 2, 3]))).toBe(REDACTED);
  });

  it('redacts an error message and drops its stack', () => {
    const error = new Error('charge failed for 4242424242424242 with sk_live_abcdef123456');
    expect(redact(error)).toEqual({ name: 'Error', message: `charge failed for ${CARD} with ${REDACTED}` });
  });

  it('classifies field names by word', () => {
    for (const name of [
      'pin',
      'newPin',
      'pin_hash',
      'PINCode',
      'cardnumber',
      'auth',
      'bearer',
      'api_key',
      'X-Api-Key',
      'databaseKey',
      'cvv2',
      'securityCode',
      'cardNumber',
      'pepper',
    ]) {
      expect(isSecretField(name)).toBe(true);
    }
    for (const name of [
      'shipping',
      'staffId',
      'spinner',
      'terminalId',
      'amountMinor',
      'outcome',
      'mapping',
      'keyboard',
      'hash',
      'prevHash',
    ])
      expect(isSecretField(name)).toBe(false);
  });
});

describe('the terminal\u2019s own ids are not card numbers', () => {
  it('leaves UUIDs whole, even where their digits and dashes pass Luhn (an audit entry must keep its sale id)', () => {
    const id = '01939123-4567-7123-8456-123456789012';
    expect(redactString(`sale ${id} completed`)).toBe(`sale ${id} completed`);
    fc.assert(
      fc.property(fc.uuid(), (uuid) => redactString(uuid) === uuid && redactString(`target ${uuid}.`) === `target ${uuid}.`),
      { numRuns: 5_000 },
    );
  });

  it('still masks a card number written beside an id', () => {
    expect(redactString('01939123-4567-7123-8456-123456789012 4111 1111 1111 1111')).toBe(`01939123-4567-7123-8456-123456789012 ${CARD}`);
  });
});
