import { describe, expect, it } from 'vitest';
import { checkOfflinePayment, offlineAgeState, type OfflineLimits } from '../../../electron/main/payments/offline-limits';

const limits: OfflineLimits = { maxPerTransactionMinor: 10_000, maxTotalMinor: 30_000, maxCount: 3, maxAgeHours: 48 };
const now = new Date('2026-11-29T09:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const none = { count: 0, totalMinor: 0, oldestAt: null };

describe('offline card payment limits', () => {
  it('allows a payment within every cap without asking anyone', () => {
    expect(checkOfflinePayment(limits, none, 10_000, now)).toEqual({ allowed: true, overCaps: [], ageState: 'ok' });
  });

  it('needs approval above the per-payment cap, and only above it', () => {
    expect(checkOfflinePayment(limits, none, 10_001, now)).toMatchObject({ allowed: true, overCaps: ['per_payment'] });
  });

  it('counts the total stored per currency, including this payment', () => {
    expect(checkOfflinePayment(limits, { count: 2, totalMinor: 25_000, oldestAt: hoursAgo(1) }, 5_000, now)).toMatchObject({
      overCaps: [],
    });
    expect(checkOfflinePayment(limits, { count: 2, totalMinor: 25_000, oldestAt: hoursAgo(1) }, 5_001, now)).toMatchObject({
      overCaps: ['total'],
    });
  });

  it('counts the payments stored, including this one', () => {
    expect(checkOfflinePayment(limits, { count: 2, totalMinor: 0, oldestAt: hoursAgo(1) }, 100, now)).toMatchObject({ overCaps: [] });
    expect(checkOfflinePayment(limits, { count: 3, totalMinor: 0, oldestAt: hoursAgo(1) }, 100, now)).toMatchObject({
      overCaps: ['count'],
    });
  });

  it('names every cap passed at once', () => {
    expect(checkOfflinePayment(limits, { count: 3, totalMinor: 30_000, oldestAt: hoursAgo(1) }, 20_000, now)).toMatchObject({
      overCaps: ['per_payment', 'total', 'count'],
    });
  });

  it('warns from 24 h and refuses at the policy age limit, approval or not', () => {
    expect(offlineAgeState(limits, hoursAgo(23.9), now)).toBe('ok');
    expect(offlineAgeState(limits, hoursAgo(24), now)).toBe('warn');
    expect(checkOfflinePayment(limits, { count: 1, totalMinor: 100, oldestAt: hoursAgo(30) }, 100, now)).toMatchObject({
      allowed: true,
      ageState: 'warn',
    });
    expect(offlineAgeState(limits, hoursAgo(47.99), now)).toBe('warn');
    expect(offlineAgeState(limits, hoursAgo(48), now)).toBe('limit');
    expect(checkOfflinePayment(limits, { count: 1, totalMinor: 100, oldestAt: hoursAgo(48) }, 1, now)).toMatchObject({
      allowed: false,
      reason: 'age_limit',
    });
  });

  it('refuses at a limit shorter than the warning without warning first', () => {
    const short = { ...limits, maxAgeHours: 12 };
    expect(offlineAgeState(short, hoursAgo(11), now)).toBe('ok');
    expect(offlineAgeState(short, hoursAgo(12), now)).toBe('limit');
  });

  it('treats a zero cap as "always ask"', () => {
    expect(checkOfflinePayment({ ...limits, maxPerTransactionMinor: 0, maxTotalMinor: 0, maxCount: 0 }, none, 1, now)).toMatchObject({
      overCaps: ['per_payment', 'total', 'count'],
    });
  });
});
