import path from 'node:path';
import type { AppCore } from '../../electron/main/core/app-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { cashTender } from '../../electron/main/sales/tender';
import type { Keychain } from '../../electron/main/secrets/keychain';
import { type Sync } from '../../electron/main/sync';
import type { SyncTimings } from '../../electron/main/sync/sync-engine';
import { uuidv7 } from '../../shared/domain/ids';
import type { TestSandbox } from './sandbox-client';
import { memoryKeychain, openTestStorage, tempDir, insertStaff, staffDirectory } from './storage';
import { testCatalog } from './test-catalog';
import { coreWithSync } from './core-sync';

/** Sync timings for tests: the same logic, milliseconds instead of seconds, no idle polling. */
export const FAST_SYNC: Partial<SyncTimings> = {
  backoff: { baseMs: 5, capMs: 100 },
  offlineProbeCapMs: 50,
  idleMs: 3_600_000,
  nudgeMs: 5,
};

export interface SyncTerminal {
  storage: TerminalStorage;
  sync: Sync;
  core: AppCore;
  keychain: Keychain;
  staffId: string;
  dir: string;
  /** Enrolls with a fresh code from the sandbox's admin API. */
  enroll(): Promise<string>;
  /** Completes `count` cash sales through the real register services (cart, checkout), one process. */
  sell(count: number): Promise<string[]>;
  /** Waits until nothing is pending (or fails after `ms`). */
  drained(ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function syncTerminal(
  sb: TestSandbox,
  options: { keychain?: Keychain; dir?: string; timings?: Partial<SyncTimings> } = {},
): Promise<SyncTerminal> {
  const scratch = options.dir ? null : tempDir('sync-terminal');
  const dir = options.dir ?? scratch!.dir;
  const keychain = options.keychain ?? memoryKeychain();
  const storage = await openTestStorage(keychain, dir);
  const now = () => new Date();
  const core = coreWithSync(
    storage,
    {
      keychain,
      baseUrl: sb.sandbox.url,
      caPem: sb.sandbox.caPem,
      exportDir: path.join(dir, 'exports'),
      timings: { ...FAST_SYNC, ...options.timings },
      transport: { responseTimeoutMs: 3_000, connectTimeoutMs: 2_000 },
    },
    { now, catalog: testCatalog() },
  );
  const sync = core.sync;
  const staffId = 'st_synctester00';
  if (!staffDirectory(storage).repository.get(staffId))
    await insertStaff(storage, { id: staffId, name: 'Sync tester', role: 'admin' }, '482913');
  const register = core.register;
  return {
    storage,
    sync,
    core,
    keychain,
    staffId,
    dir,
    async enroll() {
      const code = await sb.admin('POST', '/admin/enrollment-codes', {});
      const enrollment = await sync.enrollment.enroll(code.json.code, 'admin', staffId);
      sync.engine.start();
      return enrollment.terminalId;
    },
    async sell(count) {
      if (!register.shifts.current()) register.shifts.open(10_000, staffId);
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const added = register.cart.addProduct('MILK-1L', 1 + (i % 3), staffId);
        if (added.outcome !== 'added') throw new Error(`could not add: ${added.outcome}`);
        await register.checkout.tender(added.sale.saleId, uuidv7(), cashTender(added.sale.cashDueMinor), staffId);
        ids.push(added.sale.saleId);
      }
      return ids;
    },
    async drained(ms = 120_000) {
      const until = Date.now() + ms;
      while (sync.queue.pendingStats().count > 0) {
        if (Date.now() > until)
          throw new Error(`still ${sync.queue.pendingStats().count} pending after ${ms} ms (${sync.engine.status().connectivity})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await sync.engine.idle();
    },
    async close() {
      sync.close();
      await sync.engine.idle();
      storage.close();
      scratch?.cleanup();
    },
  };
}

/** Each client id the sandbox holds for this terminal, with how many times. */
export function sandboxClientIds(sb: TestSandbox, terminalId: string): Map<string, number> {
  const rows = sb.sandbox.services.db
    .prepare('SELECT client_id, count(*) AS n FROM transactions WHERE terminal_id = ? GROUP BY client_id')
    .all(terminalId) as { client_id: string; n: number }[];
  return new Map(rows.map((r) => [r.client_id, r.n]));
}

export function outboxClientIds(storage: TerminalStorage, kinds = ['sale']): string[] {
  return (
    storage.db.prepare(`SELECT client_id FROM outbox WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY seq`).all(...kinds) as {
      client_id: string;
    }[]
  ).map((r) => r.client_id);
}
