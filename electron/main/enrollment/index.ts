import type { Settings } from '../../../shared/domain/settings';
import { ApiClient } from '../api-client/api-client';
import { createHttpsTransport, type TransportOptions } from '../api-client/https-transport';
import type { AuditTrail } from '../audit/audit-trail';
import type { Keychain } from '../secrets/keychain';
import type { Db } from '../storage/db';
import type { NeedsAttention } from '../storage/needs-attention';
import type { OutboxQueue } from '../storage/outbox-queue';
import type { SyncState } from '../storage/sync-state';
import { EnrollmentService } from './enrollment-service';

// The enrollment area's face: the terminal's link to the NoPOS API (client and credentials) and its
// enrollment in a store, by an admin's code or one given at install time.
export { EnrollmentService, type CodeSource, type Enrollment } from './enrollment-service';
export { EnrollmentError, enrollmentCodeFromArgv } from './enrollment-errors';
export { enrollAtStart } from './enroll-at-start';

export interface ApiLinkPorts {
  db: Db;
  keychain: Keychain;
  now: () => Date;
  settings: () => Settings;
  audit: AuditTrail;
  state: SyncState;
  queue: OutboxQueue;
  needsAttention: NeedsAttention;
  /** Development only: the sandbox's URL instead of the policy's `apiBaseUrl`. */
  baseUrl?: string;
  /** PEM of the one CA to trust (the sandbox's); without it, the system's CAs. */
  caPem?: string;
  transport?: Partial<TransportOptions>;
}

export interface ApiLink {
  api: ApiClient;
  enrollment: EnrollmentService;
  close(): void;
}

export function createApiLink(ports: ApiLinkPorts): ApiLink {
  const transport = createHttpsTransport({
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 20_000,
    maxResponseBytes: 4 * 1024 * 1024,
    ...ports.transport,
    ...(ports.caPem ? { ca: ports.caPem } : {}),
  });
  const baseUrl = () => ports.baseUrl ?? ports.settings().policies.apiBaseUrl;
  const api = new ApiClient({ baseUrl, transport, keychain: ports.keychain, now: ports.now });
  const enrollment = new EnrollmentService({
    db: ports.db, state: ports.state, keychain: ports.keychain, api: () => api, queue: ports.queue, needsAttention: ports.needsAttention,
    audit: ports.audit, now: ports.now, terminalName: () => ports.settings().terminal.name,
  });
  return { api, enrollment, close: () => transport.close() };
}
