// Enrolls the terminal in the sandbox with the code it is given, then waits to be killed: the child
// of enrollment-lost.test.ts. Real OS keychain, real encrypted database, real HTTPS.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openTerminalStorage } from '../../../electron/main/core/terminal-storage';
import { createOsKeychain } from '../../../electron/main/secrets/os-keychain';
import { coreWithSync } from '../../support/core-sync';
import { FAST_PIN_COST } from '../../support/storage';

async function main(): Promise<void> {
  const [dataDir, service, baseUrl, caFile, code] = process.argv.slice(2) as [string, string, string, string, string];
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
    { keychain, baseUrl, caPem: readFileSync(caFile, 'utf8'), exportDir: path.join(dataDir, 'exports') },
    { now },
  );
  process.stdout.write('enrolling\n');
  await sync.enrollment.enroll(code, 'admin', null);
  process.stdout.write('enrolled\n');
  await new Promise(() => {});
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
