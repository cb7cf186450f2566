// A terminal core that syncs its outbox to the sandbox until it is killed: the child of
// sync-crash.test.ts. Real OS keychain, real encrypted database, real HTTPS to the sandbox process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openTerminalStorage } from '../../../electron/main/core/terminal-storage';
import { createOsKeychain } from '../../../electron/main/secrets/os-keychain';
import { coreWithSync } from '../../support/core-sync';
import { FAST_PIN_COST } from '../../support/storage';

async function main(): Promise<void> {
  const [dataDir, service, baseUrl, caFile] = process.argv.slice(2) as [string, string, string, string];
  const now = () => new Date();
  const keychain = createOsKeychain(service);
  const storage = await openTerminalStorage({
    dataDir,
    policyFile: path.join(dataDir, 'policy.json'),
    keychain,
    now,
    pinCost: FAST_PIN_COST,
  });
  const { sync } = coreWithSync(
    storage,
    {
      keychain,
      baseUrl,
      caPem: readFileSync(caFile, 'utf8'),
      exportDir: path.join(dataDir, 'exports'),
      timings: { backoff: { baseMs: 5, capMs: 100 }, offlineProbeCapMs: 50, idleMs: 3_600_000, nudgeMs: 5 },
    },
    { now },
  );
  sync.engine.start();
  process.stdout.write('ready\n');
  // Stays up until killed; says when all is delivered so the last run can end on its own.
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (sync.queue.pendingStats().count === 0 && process.argv.includes('--until-drained')) {
      await sync.engine.idle();
      sync.close();
      storage.close();
      process.stdout.write('drained\n');
      return;
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
