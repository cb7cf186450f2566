import type { OfflinePaymentsStatus } from '../../../shared/domain/card-payment';
import type { OutboxKind } from '../../../shared/domain/outbox-kinds';
import type { Db } from '../storage/db';
import { ageThresholds, offlineAgeState, type OfflineLimits, type StoredOffline } from './offline-limits';

/** The outbox kind of a card payment taken offline; its payload is the API's payment request. */
const PAYMENT_ITEM_KIND: OutboxKind = 'payment';

/**
 * Reads the offline card payments still waiting in the outbox (queued or being sent). The outbox is
 * the one record of them, so what is counted here is exactly what the API has not yet accepted.
 */
export class OfflinePaymentStore {
  private readonly summary;
  private readonly byCurrency;

  constructor(db: Db) {
    this.summary = db.prepare(
      `SELECT count(*) AS n, min(created_at) AS oldest FROM outbox WHERE kind = '${PAYMENT_ITEM_KIND}' AND status IN ('queued', 'sending')`,
    );
    this.byCurrency = db.prepare(
      `SELECT json_extract(payload_json, '$.currency') AS currency, sum(json_extract(payload_json, '$.amountMinor')) AS total
       FROM outbox WHERE kind = '${PAYMENT_ITEM_KIND}' AND status IN ('queued', 'sending') GROUP BY 1 ORDER BY 1`,
    );
  }

  private totals(): { currency: string; total: number }[] {
    return this.byCurrency.all() as { currency: string; total: number }[];
  }

  stored(currency: string): StoredOffline {
    const { n, oldest } = this.summary.get() as { n: number; oldest: string | null };
    const totalMinor = this.totals().find((t) => t.currency === currency)?.total ?? 0;
    return { count: n, totalMinor, oldestAt: oldest ? new Date(oldest) : null };
  }

  status(limits: OfflineLimits, storeCurrency: string, now: Date): OfflinePaymentsStatus {
    const { n, oldest } = this.summary.get() as { n: number; oldest: string | null };
    const oldestAt = oldest ? new Date(oldest) : null;
    const totals = this.totals().map((t) => ({ currency: t.currency, totalMinor: t.total, maxTotalMinor: limits.maxTotalMinor }));
    if (!totals.some((t) => t.currency === storeCurrency))
      totals.unshift({ currency: storeCurrency, totalMinor: 0, maxTotalMinor: limits.maxTotalMinor });
    const at = ageThresholds(limits, oldestAt);
    return {
      count: n,
      maxCount: limits.maxCount,
      totals,
      maxPerPaymentMinor: limits.maxPerTransactionMinor,
      oldestAt: oldestAt?.toISOString() ?? null,
      warnAt: at?.warnAt.toISOString() ?? null,
      limitAt: at?.limitAt.toISOString() ?? null,
      ageState: offlineAgeState(limits, oldestAt, now),
    };
  }
}
