import type { SecretName } from '../../electron/main/secrets/keychain';
import { mib, openTill, PRODUCTS } from './bench-till';

/**
 * `register.mainRssMb`, in a fresh child process that loads only the terminal's code (the probes
 * bundle): the core opens a database holding the 100k catalog and 10,000 sales (in shifts of 1,000),
 * serves a few scans, a search and an X report, and reports its resident memory once idle.
 */
export async function registerMemoryProbe(dir: string, keysJson: string): Promise<{ mainRssMb: number; stagesMb: Record<string, number> }> {
  const stagesMb: Record<string, number> = { start: mib() };
  const till = await openTill(dir, JSON.parse(keysJson) as Partial<Record<SecretName, string>>);
  stagesMb.openAndSignedIn = mib();
  const products = till.core.catalog.service.info();
  if (products.productCount < PRODUCTS) throw new Error(`catalog has ${products.productCount} products`);
  for (let i = 0; i < 20; i++) await till.call('sales.addProduct', { productId: `BENCH-${(i * 7_919) % PRODUCTS}` });
  await till.call('catalog.search', { query: 'bench prod', limit: 20 });
  stagesMb.afterScansAndSearch = mib();
  await till.call('shifts.xReport');
  stagesMb.afterXReport = mib();
  await till.call('sales.clear');
  // Idle, as a till between customers is: the PIN-hashing thread of the sign-in has exited (1 s idle).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const mainRssMb = mib();
  till.storage.close();
  return { mainRssMb, stagesMb };
}
