import type { ApiStore } from '../../../shared/api/enrollment';
import type { Settings } from '../../../shared/domain/settings';
import { ApiClient } from '../api-client/api-client';
import { createHttpsTransport, type TransportOptions } from '../api-client/https-transport';
import type { ProxyResolver } from '../api-client/proxy-agent';
import { trustedRoots } from '../api-client/trust-store';
import type { AuditTrail } from '../audit/audit-trail';
import type { Keychain } from '../secrets/keychain';
import type { Db } from '../storage/db';
import type { NeedsAttention } from '../storage/needs-attention';
import type { OutboxQueue } from '../storage/outbox-queue';
import type { SyncState } from '../storage/sync-state';
import { Reachability } from '../api-client/reachability';
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
  /** PEM of the one CA to trust (the sandbox's); without it, Node's roots (and the OS's with `osTrustStore`). */
  caPem?: string;
  /** Inside Electron: trust the OS certificate store too (api-client/trust-store.ts). */
  osTrustStore?: boolean;
  /** Inside Electron: the OS's proxy for a URL (session.resolveProxy). */
  resolveProxy?: ProxyResolver;
  log?: (entry: Record<string, unknown>) => void;
  transport?: Partial<TransportOptions>;
  /** Takes the store's name, currency and address into settings (where no admin set them), with the enrollment. */
  applyStore?: (store: ApiStore) => void;
}

export interface ApiLink {
  api: ApiClient;
  enrollment: EnrollmentService;
  /** Online or offline, from the client's real answers (sync/reachability.ts). */
  reachability: Reachability;
  close(): void;
}

export function createApiLink(ports: ApiLinkPorts): ApiLink {
  const roots = trustedRoots({
    ...(ports.caPem ? { exactCaPem: ports.caPem } : {}),
    osStore: ports.osTrustStore ?? false,
    ...(ports.log ? { log: ports.log } : {}),
  });
  const transport = createHttpsTransport({
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 20_000,
    maxResponseBytes: 4 * 1024 * 1024,
    ...ports.transport,
    ...(roots ? { ca: roots } : {}),
    ...(ports.resolveProxy ? { resolveProxy: ports.resolveProxy } : {}),
  });
  const baseUrl = () => ports.baseUrl ?? ports.settings().policies.apiBaseUrl;
  const reachability = new Reachability();
  // The key goes only to the origin it was enrolled at (docs/sync.md).
  const api = new ApiClient({
    baseUrl,
    transport,
    keychain: ports.keychain,
    now: ports.now,
    reachability,
    boundOrigin: (): string | null => enrollment.boundOrigin(),
  });
  const enrollment = new EnrollmentService({
    db: ports.db,
    state: ports.state,
    keychain: ports.keychain,
    api: () => api,
    queue: ports.queue,
    needsAttention: ports.needsAttention,
    audit: ports.audit,
    now: ports.now,
    terminalName: () => ports.settings().terminal.name,
    ...(ports.applyStore ? { applyStore: ports.applyStore } : {}),
  });
  try {
    enrollment.bindUnboundEnrollment(api.currentOrigin());
  } catch {
    // No usable address configured: the first request says so.
  }
  return { api, enrollment, reachability, close: () => transport.close() };
}
