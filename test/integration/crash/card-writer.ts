// A terminal core that takes card payments online against the sandbox until it is killed: the child
// of card-crash.test.ts. Real OS keychain, real encrypted database, real HTTPS to the sandbox process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import { openTerminalStorage } from '../../../electron/main/core/terminal-storage';
import { createOsKeychain } from '../../../electron/main/secrets/os-keychain';
import { coreWithSync } from '../../support/core-sync';
import { FAST_PIN_COST } from '../../support/storage';
import { testCatalog } from '../../support/test-catalog';
import { trustedSender } from '../../support/test-contract';

async function main(): Promise<void> {
  const [dataDir, service, baseUrl, caFile, staffId] = process.argv.slice(2) as [string, string, string, string, string];
  const now = () => new Date();
  const keychain = createOsKeychain(service);
  const storage = await openTerminalStorage({
    dataDir,
    policyFile: path.join(dataDir, 'policy.json'),
    keychain,
    now,
    pinCost: FAST_PIN_COST,
  });
  const core = coreWithSync(
    storage,
    { keychain, baseUrl, caPem: readFileSync(caFile, 'utf8'), exportDir: path.join(dataDir, 'exports') },
    {
      appInfo: { productName: 'NoPOS Terminal', version: '0.0.0', platform: 'linux', startedAt: now() },
      now,
      isTrustedSender: () => true,
      catalog: testCatalog(),
    },
  );
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const result = await core.registry.dispatch(channel, payload, trustedSender);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  };
  if ((await core.session.signIn(staffId, '482913')).outcome !== 'signed_in') throw new Error('sign-in failed');
  if (!(await call('shifts.current'))) await call('shifts.open', { floatMinor: 10_000 });
  await call('payments.selectTestCard', { cardId: 'approve' });
  for (;;) {
    let sale = await call<SaleView | null>('sales.current');
    if (!sale || sale.lines.length === 0) sale = (await call<{ sale: SaleView }>('sales.addByBarcode', { code: '96385074' })).sale;
    const paymentId = uuidv7();
    process.stdout.write(`tendering ${sale.saleId} ${paymentId}\n`);
    await call('sales.tenderCard', { saleId: sale.saleId, paymentId });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
