// A terminal core that sells in a loop until it is killed: the child of register-crash.test.ts.
// It uses the real OS keychain and the real encrypted database in the folder it is given.
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import { createAppCore } from '../../../electron/main/core/app-core';
import { openTerminalStorage } from '../../../electron/main/core/terminal-storage';
import { createOsKeychain } from '../../../electron/main/secrets/os-keychain';
import { FAST_PIN_COST, insertStaff, staffDirectory } from '../../support/storage';
import { TEST_PRODUCTS, testCatalog } from '../../support/test-catalog';
import { trustedSender } from '../../support/test-contract';

const STAFF = 'st_crashtester0';
const sellable = TEST_PRODUCTS.filter((p) => p.active && p.soldBy === 'unit');

async function main(): Promise<void> {
  const [dataDir, service] = process.argv.slice(2) as [string, string];
  const now = () => new Date();
  const storage = await openTerminalStorage({
    dataDir,
    policyFile: path.join(dataDir, 'policy.json'),
    keychain: createOsKeychain(service),
    now,
    pinCost: FAST_PIN_COST,
  });
  const core = createAppCore({
    appInfo: { productName: 'NoPOS Terminal', version: '0.0.0', platform: 'linux', startedAt: now() },
    now,
    storage,
    isTrustedSender: () => true,
    catalog: testCatalog(),
  });
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    for (;;) {
      const result = await core.registry.dispatch(channel, payload, trustedSender);
      if (result.ok) return result.data as T;
      // The real registry rate-limits a page that scans this fast: wait as a page would.
      if (result.error.code !== 'rate_limited') throw new Error(`${channel}: ${result.error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  if (!staffDirectory(storage).repository.get(STAFF))
    await insertStaff(storage, { id: STAFF, name: 'Crash tester', role: 'manager' }, '482913');
  if ((await core.session.signIn(STAFF, '482913')).outcome !== 'signed_in') throw new Error('sign-in failed');
  if (!(await call('shifts.current'))) await call('shifts.open', { floatMinor: 10_000 });
  process.stdout.write('ready\n');

  for (;;) {
    let sale = await call<SaleView | null>('sales.current');
    if (!sale || sale.payments.length === 0) {
      for (let i = randomInt(1, 5); i > 0; i--) {
        const product = sellable[randomInt(sellable.length)]!;
        sale = (await call<{ sale: SaleView }>('sales.addProduct', { productId: product.sku, quantity: randomInt(1, 4) })).sale;
      }
    }
    const saleId = sale!.saleId;
    // Sometimes in two tenders, so that a kill can fall between them.
    if (sale!.payments.length === 0 && randomInt(3) === 0) await call('sales.tenderCash', { saleId, paymentId: uuidv7(), givenMinor: 1 });
    const due = (await call<SaleView>('sales.current')).cashDueMinor;
    await call('sales.tenderCash', { saleId, paymentId: uuidv7(), givenMinor: due + randomInt(0, 500) });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
