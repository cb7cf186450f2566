import type { ApiStore } from '../../../shared/api/enrollment';
import type { Settings } from '../../../shared/domain/settings';
import type { NoposContract } from '../../../shared/ipc/contract';
import type { ApiClient } from '../api-client/api-client';
import type { AuditTrail } from '../audit/audit-trail';
import type { EnrollmentService } from '../enrollment';
import type { Handlers } from '../ipc/registry';
import type { SecurityLog } from '../logging/security-log';
import type { Keychain } from '../secrets/keychain';
import type { Db } from '../storage/db';
import type { NeedsAttention } from '../storage/needs-attention';
import type { Outbox } from '../storage/outbox';
import type { OutboxQueue } from '../storage/outbox-queue';
import type { SyncState } from '../storage/sync-state';
import { AuditUpload } from './audit-upload';
import { CatalogPull, type CatalogPullTarget, type StaffPullTarget } from './catalog-pull';
import { ClockCheck } from './clock-check';
import { DeclaredKinds, type DeclaredKind } from './declared-kinds';
import { EventsFeed } from './events-feed';
import { OutboxDelivery } from './outbox-delivery';
import type { PaymentDeclines } from './payment-declines';
import { SyncEngine, type SyncTimings } from './sync-engine';
import { createSyncHandlers } from './sync-handlers';
import type { Reachability } from '../api-client/reachability';

/** What sync is handed: infrastructure, and one named port per area it reaches. */
export interface SyncPorts {
  db: Db;
  now: () => Date;
  keychain: Keychain;
  settings: () => Settings;
  audit: AuditTrail;
  securityLog: SecurityLog;
  log: (entry: Record<string, unknown>) => void;
  outbox: Outbox;
  queue: OutboxQueue;
  state: SyncState;
  needsAttention: NeedsAttention;
  /** The API link and the terminal's enrollment in its store (the enrollment area). */
  api: ApiClient;
  enrollment: EnrollmentService;
  /** Online or offline, from the API client's real answers (the link's; card payments read it too). */
  reachability: Reachability;
  /** The store's name, currency and address from NoPOS into settings, where no admin set them. */
  applyStore: (store: ApiStore) => void;
  /** Pulled catalog pages go through the catalog's own repository, staff through the staff area's. */
  catalog: CatalogPullTarget;
  staff: StaffPullTarget;
  /** Card payments declined after forwarding go to the payments area. */
  paymentDeclines: PaymentDeclines;
  /** Kinds whose body an area builds at send time (customers: personal data is read then, never queued). */
  declaredKinds: readonly DeclaredKind[];
  /** Where an admin's export of unsynced items goes. */
  exportDir: string;
  timings?: Partial<SyncTimings>;
  random?: () => number;
}

export interface Sync {
  engine: SyncEngine;
  enrollment: EnrollmentService;
  queue: OutboxQueue;
  api: ApiClient;
  /** Online or offline, from real answers: sync and card payments share it. */
  reachability: Reachability;
  exportDir: string;
  /** The sync channels: status, sync now, enrollment, export of unsynced items, needs-attention. */
  handlers: Pick<Handlers<NoposContract>, 'sync'>;
  close(): void;
}

/** Builds the sync area over its ports; the host starts it with `engine.start()`. */
export function createSync(ports: SyncPorts): Sync {
  const { db, now, api, state, queue, enrollment } = ports;
  const kinds = new DeclaredKinds();
  kinds.declare(ports.declaredKinds);
  const engine = new SyncEngine({
    delivery: new OutboxDelivery({ db, queue, api, declines: ports.paymentDeclines, declared: kinds, now }),
    auditUpload: new AuditUpload(ports.audit, state, api),
    feed: new EventsFeed({
      db,
      api,
      state,
      keychain: ports.keychain,
      outbox: ports.outbox.writer(['security_alert']),
      declines: ports.paymentDeclines,
      securityLog: ports.securityLog,
      now,
      serverTerminalId: () => enrollment.current()?.terminalId ?? null,
      markRevoked: () => enrollment.markRevoked(),
    }),
    pull: new CatalogPull({
      db,
      api,
      state,
      catalog: ports.catalog,
      staff: ports.staff,
      needsAttention: ports.needsAttention,
      applyStore: ports.applyStore,
      storeCurrency: () => ports.settings().store.currency,
      now,
    }),
    clock: new ClockCheck(api, state, now),
    queue,
    needsAttention: ports.needsAttention,
    enrollment,
    reachability: ports.reachability,
    now,
    log: ports.log,
    maxAgeHours: () => ports.settings().policies.offlinePayments.maxAgeHours,
    ...(ports.timings ? { timings: ports.timings } : {}),
    ...(ports.random ? { random: ports.random } : {}),
  });
  ports.outbox.onEnqueued(() => engine.nudge());
  const { exportDir, needsAttention, audit } = ports;
  return {
    engine,
    enrollment,
    queue,
    api,
    reachability: ports.reachability,
    exportDir,
    handlers: { sync: createSyncHandlers({ engine, enrollment, exportDir }, { db, needsAttention, audit }) },
    close: () => engine.close(),
  };
}
