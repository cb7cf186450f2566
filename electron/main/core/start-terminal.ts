import path from 'node:path';
import type { MachinePolicy } from '../../../shared/domain/machine-policy';
import type { CatalogFileChooser } from '../catalog/import/catalog-import';
import type { ExportDestination } from '../customers';
import type { TerminalDevices } from '../devices/terminal-devices';
import type { AppInfo } from '../handlers/app-handlers';
import type { SenderCheck } from '../ipc/sender';
import type { KioskHost } from '../kiosk/kiosk-exit';
import { paymentGatewayFor } from '../payments';
import type { Keychain } from '../secrets/keychain';
import { readMachinePolicy } from '../settings/policy-file';
import type { Sync } from '../sync';
import { createAppCore, type AppCore } from './app-core';
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
  now?: () => Date;
}

export interface RunningTerminal {
  storage: TerminalStorage;
  machine: MachinePolicy;
  sync: Sync;
  core: AppCore;
  log: (entry: Record<string, unknown>) => void;
  /** Stops timers and sync and closes storage; safe to call once at shutdown. */
  stop(): void;
}

/**
 * The one start-up of the terminal, whichever host runs it: storage (keychain proven and policy
 * validated first), sync with enrollment at install time, the core over both, and its timers.
 * Anything that refuses to start throws a StartupError before the core exists.
 */
export async function startTerminal(host: TerminalHost): Promise<RunningTerminal> {
  const now = host.now ?? (() => new Date());
  const { dataDir, keychain } = host;
  const storage = await openTerminalStorage({ dataDir, policyFile: host.policyFile, keychain, now });
  const log = (entry: Record<string, unknown>) => storage.appLog.write(entry);
  const machine = readMachinePolicy(host.policyFile);
  const sync = startSync({
    storage, keychain, now, argv: host.argv, policyCode: machine.enrollmentCode, exportDir: path.join(dataDir, 'exports'),
    ...(host.api?.baseUrl ? { baseUrl: host.api.baseUrl } : {}),
    ...(host.api?.caFile ? { caFile: host.api.caFile } : {}),
  });
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
    sync,
    paymentGateway: paymentGatewayFor(sync, log),
  });
  const stopTimers = core.startTimers();
  return {
    storage, machine, sync, core, log,
    stop: () => {
      stopTimers();
      sync.close();
      storage.close();
    },
  };
}
