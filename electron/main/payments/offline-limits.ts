import { OFFLINE_AGE_WARNING_HOURS, type OfflineAgeState } from '../../../shared/domain/card-payment';
import type { Settings } from '../../../shared/domain/settings';

export type OfflineLimits = Settings['policies']['offlinePayments'];

/** Offline card payments stored on this terminal and not yet accepted by the API. */
export interface StoredOffline {
  count: number;
  /** In the currency of the payment being considered. */
  totalMinor: number;
  oldestAt: Date | null;
}

export type OfflineCap = 'per_payment' | 'total' | 'count';

export type OfflineCheck =
  { allowed: false; reason: 'age_limit'; message: string } | { allowed: true; overCaps: OfflineCap[]; ageState: OfflineAgeState };

const HOUR_MS = 3_600_000;

export function ageThresholds(limits: OfflineLimits, oldestAt: Date | null): { warnAt: Date; limitAt: Date } | null {
  if (!oldestAt) return null;
  return {
    warnAt: new Date(oldestAt.getTime() + OFFLINE_AGE_WARNING_HOURS * HOUR_MS),
    limitAt: new Date(oldestAt.getTime() + limits.maxAgeHours * HOUR_MS),
  };
}

/** Warn from 24 h; at the policy's age limit the stored payments are at risk of expiring unseen. */
export function offlineAgeState(limits: OfflineLimits, oldestAt: Date | null, now: Date): OfflineAgeState {
  const at = ageThresholds(limits, oldestAt);
  if (!at) return 'ok';
  if (now.getTime() >= at.limitAt.getTime()) return 'limit';
  return now.getTime() >= at.warnAt.getTime() ? 'warn' : 'ok';
}

/**
 * Whether one more offline card payment of `amountMinor` may be stored. Each cap (per payment, total
 * per currency, count) may be passed with a manager's approval; the age limit may not, because the
 * oldest payments would then expire at the processor before they are forwarded.
 */
export function checkOfflinePayment(limits: OfflineLimits, stored: StoredOffline, amountMinor: number, now: Date): OfflineCheck {
  const ageState = offlineAgeState(limits, stored.oldestAt, now);
  if (ageState === 'limit') {
    return {
      allowed: false,
      reason: 'age_limit',
      message: `Offline card payments have waited ${limits.maxAgeHours} h to be forwarded: no new ones until they are. Take cash, or reconnect and sync.`,
    };
  }
  const overCaps: OfflineCap[] = [];
  if (amountMinor > limits.maxPerTransactionMinor) overCaps.push('per_payment');
  if (stored.totalMinor + amountMinor > limits.maxTotalMinor) overCaps.push('total');
  if (stored.count + 1 > limits.maxCount) overCaps.push('count');
  return { allowed: true, overCaps, ageState };
}
