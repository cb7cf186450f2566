import electronUpdater from 'electron-updater';
import type { UpdatesPolicy } from '../../../shared/domain/machine-policy';
import { hardenFeed } from './hardened-feed';
import { UpdateService, type UpdaterPort } from './update-service';
import { UPDATE_PUBLIC_KEY } from './update-public-key';

export interface StartUpdatesDeps {
  policy: UpdatesPolicy | undefined;
  currentVersion: string;
  installBlockers: () => string[];
  log: (entry: Record<string, unknown>) => void;
  now: () => Date;
}

const FIRST_CHECK_MS = 60_000;

/** A downloaded update waits for its moment; checking whether it has come is cheap. */
const INSTALL_RETRY_MS = 60_000;

/**
 * Wires electron-updater (Electron's `net`, the OS trust store, Windows publisher check from
 * `verifyUpdateCodeSignature`, Squirrel.Mac's code-signature check) to the update service, by policy only.
 */
export function startUpdates(deps: StartUpdatesDeps): { service: UpdateService; stop(): void } | null {
  if (!deps.policy) return null;
  const updater = electronUpdater.autoUpdater;
  const write = (level: string) => (message: unknown) => deps.log({ level, event: 'updater', message: String(message).slice(0, 500) });
  updater.logger = { info: write('info'), warn: write('warning'), error: write('error'), debug: () => undefined };
  // Redirects only within the https feed; on Linux, only the offer the release key signed.
  const hardening = hardenFeed({ updater, feedUrl: deps.policy.feedUrl, platform: process.platform, publicKeyPem: UPDATE_PUBLIC_KEY, log: deps.log });
  const service = new UpdateService({ ...deps, updater: updater as unknown as UpdaterPort, ...hardening });
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
