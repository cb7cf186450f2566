import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MachinePolicy } from '../../../shared/domain/machine-policy';
import type { CatalogFileChooser } from '../catalog/import/catalog-import';
import type { ExportDestination } from '../customers';
import type { TerminalDevices } from '../devices/terminal-devices';
import type { AppInfo } from './app-handlers';
import type { SenderCheck } from '../ipc/sender';
import type { KioskHost } from '../kiosk/kiosk-exit';
import type { Keychain } from '../secrets/keychain';
import { readMachinePolicy } from '../settings/policy-file';
import type { Sync } from '../sync';
import type { ProxyResolver } from '../api-client/proxy-agent';
import { createAppCore, type AppCore } from './app-core';
import { createShutdown, type Shutdown } from './shutdown';
import { startSync } from './terminal-sync';
import { openTerminalStorage, type TerminalStorage } from './terminal-storage';

/** What a host (Electron, or the browser host) brings: where data lives, its keychain, and its devices. */
export interface TerminalHost {
  dataDir: string;
  policyFile: string;
  keychain: Keychain;
  argv: readonly string[];
  appInfo: Omit<AppInfo, 'startedAt'>;
  isTrustedSender: SenderCheck;
  /** The printer, drawer and card reader of this host, built once storage (and its log) is open. */
  devices(context: { dataDir: string; now: () => Date; log: (entry: Record<string, unknown>) => void }): TerminalDevices;
  /** How an admin picks a catalog file to import. */
  catalogFiles?: CatalogFileChooser;
  /** Where a manager's customer data export is saved (the save dialog, or a folder). */
  customerExports?: ExportDestination;
  /** Kiosk mode's window controls, when the machine policy turns kiosk mode on in this host. */
  kiosk?(machine: MachinePolicy): KioskHost | undefined;
  /** Development only: the sandbox's URL and CA file instead of the policy's API. */
  api?: { baseUrl?: string | undefined; caFile?: string | undefined };
  /** Electron: the OS certificate store and proxy settings for the API client (api-client/trust-store.ts, proxy-agent.ts). */
  network?: { osTrustStore: boolean; resolveProxy?: ProxyResolver };
  /** better-sqlite3's compiled module where it is not the default (storage/native-binding.ts). */
  nativeBinding?: string;
  now?: () => Date;
}

export interface RunningTerminal {
  storage: TerminalStorage;
  machine: MachinePolicy;
  sync: Sync;
  core: AppCore;
  log: (entry: Record<string, unknown>) => void;
  /** The one ordered shutdown; the host adds its own steps (devices, timers, markers) to it. */
  shutdown: Shutdown;
  /** Runs the shutdown: timers, sync, devices, logs, then storage; safe to call more than once. */
  stop(): void;
}

/**
 * The one start-up of the terminal, whichever host runs it: storage (keychain proven and policy
 * validated first), the core over it (sync built inside from the host's options), sync started with
 * enrollment at install time, and the core's timers.
 * Anything that refuses to start throws a StartupError before the core exists.
 */
export async function startTerminal(host: TerminalHost): Promise<RunningTerminal> {
  const now = host.now ?? (() => new Date());
  const { dataDir, keychain } = host;
  const storage = await openTerminalStorage({
    dataDir,
    policyFile: host.policyFile,
    keychain,
    now,
    ...(host.nativeBinding ? { nativeBinding: host.nativeBinding } : {}),
  });
  const log = (entry: Record<string, unknown>) => storage.appLog.write(entry);
  const shutdown = createShutdown(log);
  shutdown.add('logs', 'security-log', () => storage.securityLog.flush());
  shutdown.add('storage', 'database', () => storage.close());
  const machine = readMachinePolicy(host.policyFile);
  const kiosk = host.kiosk?.(machine);
  const core = createAppCore({
    appInfo: { ...host.appInfo, startedAt: now() },
    now,
    storage,
    isTrustedSender: host.isTrustedSender,
    devices: host.devices({ dataDir, now, log }),
    ...(kiosk ? { kiosk } : {}),
    ...(host.catalogFiles ? { catalogFiles: host.catalogFiles } : {}),
    ...(host.customerExports ? { customerExports: host.customerExports } : {}),
    sync: {
      keychain,
      exportDir: path.join(dataDir, 'exports'),
      ...(host.api?.baseUrl ? { baseUrl: host.api.baseUrl } : {}),
      ...(host.api?.caFile ? { caPem: readFileSync(host.api.caFile, 'utf8') } : {}),
      ...(host.network?.osTrustStore ? { osTrustStore: true } : {}),
      ...(host.network?.resolveProxy ? { resolveProxy: host.network.resolveProxy } : {}),
    },
  });
  const { sync } = core;
  // Given sync's options, the core always builds it; this only narrows the type.
  if (!sync) throw new Error('The core was given sync options but built no sync');
  shutdown.add('sync', 'sync', () => sync.close());
  startSync(sync, { argv: host.argv, policyCode: machine.enrollmentCode, policyFile: host.policyFile, log });
  shutdown.add('timers', 'core-timers', core.startTimers());
  return { storage, machine, sync, core, log, shutdown, stop: () => shutdown.run() };
}
