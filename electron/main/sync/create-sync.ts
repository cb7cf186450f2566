import { ApiClient } from '../api-client/api-client';
import { createHttpsTransport, type TransportOptions } from '../api-client/https-transport';
import type { TerminalStorage } from '../core/terminal-storage';
import { EnrollmentService } from '../enrollment/enrollment-service';
import type { Keychain } from '../secrets/keychain';
import { AuditUpload } from './audit-upload';
import { CatalogPull } from './catalog-pull';
import { ClockCheck } from './clock-check';
import { DeclaredKinds } from './declared-kinds';
import { EventsFeed } from './events-feed';
import { OutboxDelivery } from './outbox-delivery';
import { OutboxQueue } from './outbox-queue';
import { PaymentDeclines } from './payment-declines';
import { SyncEngine, type SyncTimings } from './sync-engine';
import { SyncState } from './sync-state';

export interface SyncOptions {
  storage: TerminalStorage;
  keychain: Keychain;
  now: () => Date;
  /** Development only: the sandbox's URL instead of the policy's `apiBaseUrl`. */
  baseUrl?: string;
  /** PEM of the one CA to trust (the sandbox's); without it, the system's CAs. */
  caPem?: string;
  /** Where an admin's export of unsynced items goes. */
  exportDir: string;
  transport?: Partial<TransportOptions>;
  timings?: Partial<SyncTimings>;
  random?: () => number;
}

export interface Sync {
  engine: SyncEngine;
  enrollment: EnrollmentService;
  queue: OutboxQueue;
  api: ApiClient;
  /** Card payments declined when forwarded; the payments area attaches the handler that records them. */
  declines: PaymentDeclines;
  /** Outbox kinds other areas deliver themselves; each area declares its own (see core/app-core.ts). */
  kinds: DeclaredKinds;
  exportDir: string;
  close(): void;
}

/** Builds the sync area over the terminal's storage; the host starts it with `engine.start()`. */
export function createSync(options: SyncOptions): Sync {
  const { storage, keychain, now } = options;
  const transport = createHttpsTransport({
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 20_000,
    maxResponseBytes: 4 * 1024 * 1024,
    ...options.transport,
    ...(options.caPem ? { ca: options.caPem } : {}),
  });
  const baseUrl = () => options.baseUrl ?? storage.settings.current().values.policies.apiBaseUrl;
  const client = new ApiClient({ baseUrl, transport, keychain, now });
  const state = new SyncState(storage.db, now);
  const queue = new OutboxQueue(storage.db, storage.needsAttention, now);
  const enrollment = new EnrollmentService({
    db: storage.db, state, keychain, api: () => client, queue, needsAttention: storage.needsAttention, audit: storage.audit, now,
    terminalName: () => storage.settings.current().values.terminal.name,
  });
  const log = (entry: Record<string, unknown>) => storage.appLog.write(entry);
  const declines = new PaymentDeclines();
  const kinds = new DeclaredKinds();
  const engine = new SyncEngine({
    delivery: new OutboxDelivery({ db: storage.db, queue, api: client, declines, declared: kinds, now }),
    auditUpload: new AuditUpload(storage.audit, state, client),
    feed: new EventsFeed({
      db: storage.db, api: client, state, keychain, outbox: storage.outbox, declines, securityLog: storage.securityLog, now,
      serverTerminalId: () => enrollment.current()?.terminalId ?? null,
      markRevoked: () => enrollment.markRevoked(),
    }),
    pull: new CatalogPull({ db: storage.db, api: client, state, catalog: storage.catalog, storeCurrency: () => storage.settings.current().values.store.currency, now }),
    clock: new ClockCheck(client, state, now),
    queue,
    needsAttention: storage.needsAttention,
    enrollment,
    now,
    log,
    maxAgeHours: () => storage.settings.current().values.policies.offlinePayments.maxAgeHours,
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  storage.outbox.onEnqueued(() => engine.nudge());
  return { engine, enrollment, queue, api: client, declines, kinds, exportDir: options.exportDir, close: () => {
      engine.close();
      transport.close();
    }, };
}
