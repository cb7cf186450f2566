import { describe, expect, it } from 'vitest';
import { textHasCardNumber, findCardData } from '../../../sandbox/card-data';
import { signBody } from '../../../sandbox/http/signing';
import { parseSignatureHeader } from '../../../shared/api/signature';

describe('event signature', () => {
  it('matches the worked example in sandbox/README.md and parses back', () => {
    const header = signBody('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '{"events":[],"cursor":"0","hasMore":false}', 1767225600);
    expect(header).toBe('t=1767225600,v1=51c7b1edf441d0530a5320f4c9b345a6178285cb82f69fdfb1516b8034c7ff70');
    expect(parseSignatureHeader(header)).toEqual({
      timestamp: 1767225600,
      signatures: ['51c7b1edf441d0530a5320f4c9b345a6178285cb82f69fdfb1516b8034c7ff70'],
    });
    for (const bad of ['', 't=1', 'v1=ab', 't=x,v1=' + 'a'.repeat(64), 't=1,v1=' + 'a'.repeat(63), 't=1=2,v1=' + 'a'.repeat(64)])
      expect(parseSignatureHeader(bad)).toBeNull();
  });
});

describe('raw card data detection', () => {
  it.each(['4242424242424242', '5555 5555 5555 4444', '3782-822463-10005', 'x %B4242424242424242^DOE/J^2812 y', ';4242424242424242=2812'])(
    'flags %s',
    (text) => {
      expect(textHasCardNumber(text)).toBe(true);
    },
  );
  it.each([
    '4006381333931',
    '10012345678902',
    '01936d5e-1234-7123-8123-123456789012',
    '4242424242424241',
    '1767225600000',
    'sk_test_4242424242424242abcdefghijklmnop',
  ])('passes %s', (text) => {
    expect(textHasCardNumber(text)).toBe(false);
  });
  it('finds card fields by name and numbers at any depth, naming the place only', () => {
    expect(findCardData({ a: [{ cvc: '1' }] })).toBe('$.a[0].cvc');
    expect(findCardData({ a: { b: 4242424242424242 } })).toBe('$.a.b');
    expect(findCardData({ last4: '4242', paymentToken: 'tok_test_approve' })).toBeNull();
  });
});
