import { createHash } from 'node:crypto';

/**
 * Same JSON for the same data whatever the key order, so an approval matches the exact request.
 * Only plain JSON data is accepted: anything that JSON would blur (dates, maps, NaN) throws.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('not plain JSON');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value !== 'object') throw new TypeError('not plain JSON');
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new TypeError('not plain JSON');
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const requestFingerprint = (channel: string, payload: unknown): string =>
  createHash('sha256').update(channel).update('\n').update(canonicalJson(payload)).digest('hex');

export interface PendingApproval {
  fingerprint: string;
  channel: string;
  staffId: string;
  approverId: string;
  expiresAtMs: number;
}

export const APPROVAL_TTL_SECONDS = 120;

/**
 * A manager's on-the-spot approval: one pending at a time, for one staff member, one channel and
 * one exact request, used up by the first call that matches and gone after a couple of minutes.
 */
export class ApprovalSlot {
  private pending: PendingApproval | null = null;

  constructor(private readonly now: () => Date) {}

  grant(approval: Omit<PendingApproval, 'expiresAtMs'>): number {
    this.pending = { ...approval, expiresAtMs: this.now().getTime() + APPROVAL_TTL_SECONDS * 1000 };
    return APPROVAL_TTL_SECONDS;
  }

  /** Returns the approver and clears the slot when this call is the one that was approved. */
  consume(staffId: string, channel: string, fingerprint: string): string | null {
    const pending = this.pending;
    if (!pending) return null;
    if (pending.expiresAtMs <= this.now().getTime()) {
      this.pending = null;
      return null;
    }
    if (pending.staffId !== staffId || pending.channel !== channel || pending.fingerprint !== fingerprint) return null;
    this.pending = null;
    return pending.approverId;
  }

  clear(): void {
    this.pending = null;
  }
}
