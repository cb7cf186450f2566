import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, verifyEventsSignature } from '../../../electron/main/sync/event-signature';

const secret = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const body = '{"events":[],"cursor":"0","hasMore":false}';
const t = 1767225600;
const sign = (s: string, time: number, b: string) => `t=${time},v1=${createHmac('sha256', s).update(`${time}.${b}`).digest('hex')}`;
const at = (seconds: number) => (t + seconds) * 1000;

describe('events feed signature', () => {
  it('accepts the worked example from sandbox/README.md', () => {
    expect(sign(secret, t, body)).toBe('t=1767225600,v1=51c7b1edf441d0530a5320f4c9b345a6178285cb82f69fdfb1516b8034c7ff70');
    expect(verifyEventsSignature(sign(secret, t, body), body, secret, at(0))).toEqual({ ok: true });
  });

  it('refuses a wrong secret, a tampered body, a stale or future timestamp, each without throwing', () => {
    expect(verifyEventsSignature(sign(`${secret.slice(0, -1)}B`, t, body), body, secret, at(0))).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyEventsSignature(sign(secret, t, body), body.replace('false', 'true'), secret, at(0))).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyEventsSignature(sign(secret, t, body), body, secret, at(301))).toEqual({ ok: false, reason: 'stale' });
    expect(verifyEventsSignature(sign(secret, t, body), body, secret, at(-301))).toEqual({ ok: false, reason: 'future' });
    expect(verifyEventsSignature(sign(secret, t, body), body, secret, at(300))).toEqual({ ok: true });
    expect(verifyEventsSignature(sign(secret, t, body), body, secret, at(-300))).toEqual({ ok: true });
  });

  it('refuses a signature of another length, a missing or malformed header, without throwing', () => {
    const good = sign(secret, t, body);
    expect(() => verifyEventsSignature(good.slice(0, -2), body, secret, at(0))).not.toThrow();
    expect(verifyEventsSignature(good.slice(0, -2), body, secret, at(0)).ok).toBe(false);
    expect(verifyEventsSignature(`${good}00`, body, secret, at(0)).ok).toBe(false);
    expect(verifyEventsSignature(null, body, secret, at(0))).toEqual({ ok: false, reason: 'missing' });
    expect(verifyEventsSignature('t=abc,v1=zz', body, secret, at(0))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('compares buffers of different lengths as unequal instead of throwing', () => {
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(constantTimeEqual(Buffer.from('abcd'), Buffer.from('abcd'))).toBe(true);
  });
});
