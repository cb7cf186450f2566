import type { EnrollmentResponse } from '../../../shared/api/enrollment';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { enrollmentCodeSchema } from '../../../shared/api/enrollment';
import type { ApiClient } from '../api-client/api-client';
import { ApiClientError } from '../api-client/api-errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { Keychain } from '../secrets/keychain';
import { replaceSecrets } from '../secrets/secret-replacement';
import { tokenFingerprint } from '../secrets/token-fingerprint';
import type { Db } from '../storage/db';
import { writeTransaction } from '../storage/transaction';
import type { NeedsAttention } from '../storage/needs-attention';
import type { OutboxQueue } from '../storage/outbox-queue';
import type { SyncState } from '../storage/sync-state';
import { EnrollmentError } from './enrollment-errors';
import { PendingEnrollments } from './pending-enrollment';

export interface Enrollment {
  terminalId: string;
  store: { id: string; name: string; currency: string };
  scopes: string[];
  enrolledAt: string;
  /** Where the key was issued (scheme, host, port): it is never sent anywhere else. Older records lack it. */
  apiOrigin?: string;
}

export type CodeSource = 'admin' | 'policy' | 'command_line';

export interface EnrollmentDeps {
  db: Db;
  state: SyncState;
  keychain: Keychain;
  api: () => ApiClient;
  queue: OutboxQueue;
  needsAttention: NeedsAttention;
  audit: AuditTrail;
  now: () => Date;
  terminalName: () => string;
  /** Takes the store's name, currency and address into settings (where no admin set them), with the enrollment. */
  applyStore?: (store: EnrollmentResponse['store']) => void;
}

const ENROLLMENT = 'enrollment';
const REVOKED = 'revoked';
const EXPORTED = 'unsynced.exportedFingerprint';
/** Everything learned from the old enrollment starts over with a new one. */
const PER_ENROLLMENT_KEYS = ['events.cursor', 'catalog.cursor', 'staff.cursor', 'audit.uploadedSeq', REVOKED, EXPORTED];

const EXPORT_NOTE =
  'Card payments appear with paymentTokenRef (a fingerprint), never their token: a payment not yet delivered can only be ' +
  'charged by this terminal. Let it sync before the terminal is removed.';

function withoutToken(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object' || typeof (payload as { paymentToken?: unknown }).paymentToken !== 'string') return payload;
  const { paymentToken, ...rest } = payload as { paymentToken: string };
  return { ...rest, paymentTokenRef: tokenFingerprint(paymentToken) };
}

const hashCode = (normalized: string) => createHash('sha256').update(`nopos-enrollment:${normalized}`).digest('hex');

/**
 * Enrollment: a one-time code becomes the terminal id, store, API key and event-signing secret. The
 * secrets go straight to the keychain and are never returned; a code is tried once per terminal
 * (recorded by hash), and credentials are replaced only when nothing is waiting to sync.
 */
export class EnrollmentService {
  /** One credentials change at a time: an enrollment, a sign-out or a wipe. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private enrolling = false;

  private readonly pending: PendingEnrollments;

  constructor(private readonly deps: EnrollmentDeps) {
    this.pending = new PendingEnrollments(deps.state, deps.now);
  }

  /** An enrollment whose answer was lost (a reset, a kill): asked again with its request id at start. */
  async resumePending(): Promise<Enrollment | null> {
    const pending = this.pending.current();
    if (!pending || this.current()) return null;
    return this.enroll(pending.code, pending.source, null);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(work, work);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  current(): Enrollment | null {
    return this.deps.state.get<Enrollment>(ENROLLMENT);
  }

  revoked(): boolean {
    return this.deps.state.get(REVOKED) !== null;
  }

  isEnrolled(): boolean {
    return this.current() !== null && !this.revoked();
  }

  /** The origin the credentials belong to; null when not enrolled. */
  boundOrigin(): string | null {
    return this.current()?.apiOrigin ?? null;
  }

  /**
   * An enrollment made before credentials were bound to their origin is bound, once, to the origin
   * configured when this version first starts (see docs/sync.md for what that cannot prove).
   */
  bindUnboundEnrollment(origin: string): void {
    const enrollment = this.current();
    if (enrollment && !enrollment.apiOrigin) this.deps.state.set(ENROLLMENT, { ...enrollment, apiOrigin: origin });
  }

  /** True when this code was tried here before: a policy file's code is never retried. */
  wasUsed(code: string): boolean {
    const parsed = enrollmentCodeSchema.safeParse(code);
    return (
      parsed.success &&
      this.deps.db.prepare('SELECT 1 FROM enrollment_codes_used WHERE code_hash = ?').get(hashCode(parsed.data)) !== undefined
    );
  }

  /** Items not yet confirmed by the API, plus refused ones nobody has resolved. */
  unsyncedCount(): number {
    return this.deps.queue.pendingStats().count + this.deps.needsAttention.openCount();
  }

  /**
   * A second enrollment while one is under way is refused, not queued: each would spend its code at
   * NoPOS, and the one saved last would orphan a live terminal there.
   */
  async enroll(code: string, source: CodeSource, actorId: string | null): Promise<Enrollment> {
    if (this.enrolling) throw new EnrollmentError('in_progress');
    this.enrolling = true;
    try {
      return await this.serialized(() => this.enrollNow(code, source, actorId));
    } finally {
      this.enrolling = false;
    }
  }

  private async enrollNow(code: string, source: CodeSource, actorId: string | null): Promise<Enrollment> {
    const parsed = enrollmentCodeSchema.safeParse(code);
    if (!parsed.success) throw new EnrollmentError('invalid_code');
    const codeHash = hashCode(parsed.data);
    if (this.wasUsed(parsed.data)) throw new EnrollmentError('code_already_used');
    const hasCredentials = (await this.deps.keychain.get('api-key')) !== null;
    if (hasCredentials && this.unsyncedCount() > 0) throw new EnrollmentError('unsynced_items');
    // Recorded before the request leaves: a lost answer is asked again with the same request id.
    const request = this.pending.begin(parsed.data, source, this.deps.terminalName());
    let answer;
    let apiOrigin: string;
    try {
      apiOrigin = this.deps.api().currentOrigin();
      answer = await this.deps.api().enroll(parsed.data, request.terminalName, request.requestId);
    } catch (error) {
      const refused = ApiClientError.is(error) && error.failure.kind === 'http' && error.failure.code === 'enrollment_code_invalid';
      if (!refused) throw new EnrollmentError('unreachable');
      writeTransaction(this.deps.db, () => {
        this.pending.clear();
        this.recordCode(codeHash, source, 'refused');
      });
      throw new EnrollmentError('code_refused');
    }
    // The pending request stays until the commit: after 'not_saved' a retry gets the API's replayed answer.
    // Credentials and state change as one unit: both secrets or neither, and the database commit last,
    // with the secrets rolled back if it fails. A half-saved enrollment would pair the new key with the
    // old signing secret, and no event (a revocation included) could be verified again.
    let secrets;
    try {
      secrets = await replaceSecrets(
        this.deps.keychain,
        new Map([
          ['api-key', answer.apiKey],
          ['event-signing-secret', answer.eventSigningSecret],
        ] as const),
      );
    } catch {
      throw new EnrollmentError('not_saved');
    }
    const enrollment: Enrollment = {
      terminalId: answer.terminalId,
      store: answer.store,
      scopes: answer.scopes,
      enrolledAt: this.deps.now().toISOString(),
      apiOrigin,
    };
    try {
      writeTransaction(this.deps.db, () => {
        for (const key of PER_ENROLLMENT_KEYS) this.deps.state.delete(key);
        this.deps.state.set(ENROLLMENT, enrollment);
        this.pending.clear();
        this.recordCode(codeHash, source, 'enrolled');
        this.deps.applyStore?.(answer.store);
        this.deps.audit.record({
          action: 'credentials.changed',
          actorId,
          target: answer.terminalId,
          details: { change: 'enrolled', source, store: answer.store.id },
        });
      });
    } catch {
      await secrets.rollback();
      throw new EnrollmentError('not_saved');
    }
    return enrollment;
  }

  /** Revocation: new sales stop and the credentials go; the queue and everything else stay. */
  markRevoked(): void {
    this.deps.state.set(REVOKED, { at: this.deps.now().toISOString() });
  }

  wipeCredentials(): Promise<void> {
    return this.serialized(async () => {
      await this.deps.keychain.delete('api-key');
      await this.deps.keychain.delete('event-signing-secret');
    });
  }

  /**
   * Signs the terminal out of its store: refused while items wait, unless an admin exported exactly
   * what is waiting now.
   */
  signOutOfStore(actorId: string): Promise<void> {
    return this.serialized(() => this.signOutNow(actorId));
  }

  private async signOutNow(actorId: string): Promise<void> {
    if (!this.current()) throw new EnrollmentError('not_enrolled');
    if (this.unsyncedCount() > 0) {
      const exported = this.deps.state.get<string>(EXPORTED);
      if (!exported) throw new EnrollmentError('unsynced_items');
      if (exported !== this.unsyncedFingerprint()) throw new EnrollmentError('export_outdated');
    }
    await this.deps.keychain.delete('api-key');
    await this.deps.keychain.delete('event-signing-secret');
    writeTransaction(this.deps.db, () => {
      const old = this.current();
      this.deps.state.delete(ENROLLMENT);
      this.deps.state.delete(REVOKED);
      this.deps.audit.record({
        action: 'credentials.changed',
        actorId,
        ...(old ? { target: old.terminalId } : {}),
        details: { change: 'signed_out_of_store' },
      });
    });
  }

  /**
   * Writes every unsynced item and open needs-attention entry to a JSON file in `dir` (owner only).
   * Payment tokens stay out of it: a token charges the card, so each appears as its fingerprint.
   */
  exportUnsynced(dir: string, actorId: string): { file: string; items: number } {
    const items = this.deps.queue.unsynced().map((item) => ({ ...item, payload: withoutToken(item.payload) }));
    const attention = this.deps.needsAttention.list();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const file = path.join(dir, `nopos-unsynced-${this.deps.now().toISOString().replace(/[:.]/g, '-')}.json`);
    const body = {
      exportedAt: this.deps.now().toISOString(),
      terminal: this.current()?.terminalId ?? null,
      note: EXPORT_NOTE,
      items,
      needsAttention: attention,
    };
    writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    writeTransaction(this.deps.db, () => {
      this.deps.state.set(EXPORTED, this.unsyncedFingerprint());
      this.deps.audit.record({ action: 'data.exported', actorId, target: 'unsynced', details: { items: items.length } });
    });
    return { file, items: items.length };
  }

  private unsyncedFingerprint(): string {
    const hash = createHash('sha256');
    for (const item of this.deps.queue.unsynced()) hash.update(`${item.seq}:${item.clientId}:${item.status}\n`);
    for (const entry of this.deps.needsAttention.list()) hash.update(`na:${entry.id}\n`);
    return hash.digest('hex');
  }

  private recordCode(codeHash: string, source: CodeSource, outcome: string): void {
    this.deps.db
      .prepare(
        'INSERT INTO enrollment_codes_used (code_hash, source, outcome, used_at) VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO UPDATE SET outcome = excluded.outcome',
      )
      .run(codeHash, source, outcome, this.deps.now().toISOString());
  }
}
