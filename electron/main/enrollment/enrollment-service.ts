import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { enrollmentCodeSchema } from '../../../shared/api/enrollment';
import type { ApiClient } from '../api-client/api-client';
import { ApiClientError } from '../api-client/api-errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { Keychain } from '../secrets/keychain';
import type { Db } from '../storage/db';
import { writeTransaction } from '../storage/transaction';
import type { NeedsAttention } from '../storage/needs-attention';
import type { OutboxQueue } from '../storage/outbox-queue';
import type { SyncState } from '../storage/sync-state';
import { EnrollmentError } from './enrollment-errors';

export interface Enrollment {
  terminalId: string;
  store: { id: string; name: string; currency: string };
  scopes: string[];
  enrolledAt: string;
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
}

const ENROLLMENT = 'enrollment';
const REVOKED = 'revoked';
const EXPORTED = 'unsynced.exportedFingerprint';
/** Everything learned from the old enrollment starts over with a new one. */
const PER_ENROLLMENT_KEYS = ['events.cursor', 'catalog.cursor', 'staff.cursor', 'audit.uploadedSeq', REVOKED, EXPORTED];

const hashCode = (normalized: string) => createHash('sha256').update(`nopos-enrollment:${normalized}`).digest('hex');

/**
 * Enrollment: a one-time code becomes the terminal id, store, API key and event-signing secret. The
 * secrets go straight to the keychain and are never returned; a code is tried once per terminal
 * (recorded by hash), and credentials are replaced only when nothing is waiting to sync.
 */
export class EnrollmentService {
  constructor(private readonly deps: EnrollmentDeps) {}

  current(): Enrollment | null {
    return this.deps.state.get<Enrollment>(ENROLLMENT);
  }

  revoked(): boolean {
    return this.deps.state.get(REVOKED) !== null;
  }

  isEnrolled(): boolean {
    return this.current() !== null && !this.revoked();
  }

  /** True when this code was tried here before: a policy file's code is never retried. */
  wasUsed(code: string): boolean {
    const parsed = enrollmentCodeSchema.safeParse(code);
    return parsed.success && this.deps.db.prepare('SELECT 1 FROM enrollment_codes_used WHERE code_hash = ?').get(hashCode(parsed.data)) !== undefined;
  }

  /** Items not yet confirmed by the API, plus refused ones nobody has resolved. */
  unsyncedCount(): number {
    return this.deps.queue.pendingStats().count + this.deps.needsAttention.openCount();
  }

  async enroll(code: string, source: CodeSource, actorId: string | null): Promise<Enrollment> {
    const parsed = enrollmentCodeSchema.safeParse(code);
    if (!parsed.success) throw new EnrollmentError('invalid_code');
    const codeHash = hashCode(parsed.data);
    if (this.wasUsed(parsed.data)) throw new EnrollmentError('code_already_used');
    const hasCredentials = (await this.deps.keychain.get('api-key')) !== null;
    if (hasCredentials && this.unsyncedCount() > 0) throw new EnrollmentError('unsynced_items');
    let answer;
    try {
      answer = await this.deps.api().enroll(parsed.data, this.deps.terminalName());
    } catch (error) {
      const refused = ApiClientError.is(error) && error.failure.kind === 'http' && error.failure.code === 'enrollment_code_invalid';
      if (!refused) throw new EnrollmentError('unreachable');
      this.recordCode(codeHash, source, 'refused');
      throw new EnrollmentError('code_refused');
    }
    await this.deps.keychain.set('api-key', answer.apiKey);
    await this.deps.keychain.set('event-signing-secret', answer.eventSigningSecret);
    const enrollment: Enrollment = { terminalId: answer.terminalId, store: answer.store, scopes: answer.scopes, enrolledAt: this.deps.now().toISOString() };
    writeTransaction(this.deps.db, () => {
      for (const key of PER_ENROLLMENT_KEYS) this.deps.state.delete(key);
      this.deps.state.set(ENROLLMENT, enrollment);
      this.recordCode(codeHash, source, 'enrolled');
      this.deps.audit.record({ action: 'credentials.changed', actorId, target: answer.terminalId, details: { change: 'enrolled', source, store: answer.store.id } });
    });
    return enrollment;
  }

  /** Revocation: new sales stop and the credentials go; the queue and everything else stay. */
  markRevoked(): void {
    this.deps.state.set(REVOKED, { at: this.deps.now().toISOString() });
  }

  async wipeCredentials(): Promise<void> {
    await this.deps.keychain.delete('api-key');
    await this.deps.keychain.delete('event-signing-secret');
  }

  /**
   * Signs the terminal out of its store: refused while items wait, unless an admin exported exactly
   * what is waiting now.
   */
  async signOutOfStore(actorId: string): Promise<void> {
    if (!this.current()) throw new EnrollmentError('not_enrolled');
    if (this.unsyncedCount() > 0) {
      const exported = this.deps.state.get<string>(EXPORTED);
      if (!exported) throw new EnrollmentError('unsynced_items');
      if (exported !== this.unsyncedFingerprint()) throw new EnrollmentError('export_outdated');
    }
    await this.wipeCredentials();
    writeTransaction(this.deps.db, () => {
      const old = this.current();
      this.deps.state.delete(ENROLLMENT);
      this.deps.state.delete(REVOKED);
      this.deps.audit.record({ action: 'credentials.changed', actorId, ...(old ? { target: old.terminalId } : {}), details: { change: 'signed_out_of_store' } });
    });
  }

  /** Writes every unsynced item and open needs-attention entry to a JSON file in `dir`. */
  exportUnsynced(dir: string, actorId: string): { file: string; items: number } {
    const items = this.deps.queue.unsynced();
    const attention = this.deps.needsAttention.list();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `nopos-unsynced-${this.deps.now().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify({ exportedAt: this.deps.now().toISOString(), terminal: this.current()?.terminalId ?? null, items, needsAttention: attention }, null, 2)}\n`, { mode: 0o600 });
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
      .prepare('INSERT INTO enrollment_codes_used (code_hash, source, outcome, used_at) VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO UPDATE SET outcome = excluded.outcome')
      .run(codeHash, source, outcome, this.deps.now().toISOString());
  }
}
