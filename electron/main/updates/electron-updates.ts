import { existsSync } from 'node:fs';
import electronUpdater from 'electron-updater';
import type { UpdatesPolicy } from '../../../shared/domain/machine-policy';
import { hardenFeed } from './hardened-feed';
import { canWriteFolder, selfUpdateSupport } from './self-update';
import { UpdateService } from './update-service';
import { UPDATE_PUBLIC_KEY } from './update-public-key';

export interface StartUpdatesDeps {
  policy: UpdatesPolicy | undefined;
  currentVersion: string;
  installBlockers: () => string[];
  log: (entry: Record<string, unknown>) => void;
  now: () => Date;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** app.getPath('exe'). */
  executable: string;
  /** Electron's app, for the single-instance lock an AppImage must drop before its update starts it again. */
  app: { releaseSingleInstanceLock(): void };
}

const FIRST_CHECK_MS = 60_000;

/** A downloaded update waits for its moment; checking whether it has come is cheap. */
const INSTALL_RETRY_MS = 60_000;

/**
 * Wires electron-updater (Electron's `net`, the OS trust store, Windows publisher check from
 * `verifyUpdateCodeSignature`, Squirrel.Mac's code-signature check) to the update service, by policy
 * only, and only where the installation can replace itself without admin rights (self-update.ts).
 */
export function startUpdates(deps: StartUpdatesDeps): { service: UpdateService; stop(): void } | null {
  if (!deps.policy) return null;
  const support = selfUpdateSupport({ ...deps, canWrite: canWriteFolder(deps.platform), exists: existsSync });
  if (!support.allowed) {
    deps.log({ level: 'info', event: 'update.managed_by_it', reason: support.reason });
    return null;
  }
  const updater = electronUpdater.autoUpdater;
  const write = (level: string) => (message: unknown) => deps.log({ level, event: 'updater', message: String(message).slice(0, 500) });
  updater.logger = { info: write('info'), warn: write('warning'), error: write('error'), debug: () => undefined };
  // Redirects only within the https feed; on Linux, only the offer the release key signed.
  const hardening = hardenFeed({
    updater,
    feedUrl: deps.policy.feedUrl,
    platform: deps.platform,
    publicKeyPem: UPDATE_PUBLIC_KEY,
    log: deps.log,
  });
  const service = new UpdateService({
    ...deps,
    updater,
    ...hardening,
    // The new AppImage starts while this one quits: holding the lock, this one would make it quit at once.
    beforeInstall: () => {
      if (deps.env.APPIMAGE) deps.app.releaseSingleInstanceLock();
    },
  });
  const timers = [
    setTimeout(() => void service.check(), FIRST_CHECK_MS),
    setInterval(() => void service.check(), service.checkIntervalMs),
    setInterval(() => service.tryInstall(), INSTALL_RETRY_MS),
  ];
  for (const timer of timers) timer.unref?.();
  return {
    service,
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
