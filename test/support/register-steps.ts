import { expect } from 'vitest';
import { uuidv7 } from '../../shared/domain/ids';
import type { SaleView } from '../../shared/domain/sale';
import type { TerminalFixture } from './terminal-fixture';

/** Calls a channel that must succeed and returns its data. */
export async function ok<T>(t: TerminalFixture, channel: string, payload?: unknown): Promise<T> {
  const result = await t.call<T>(channel, payload);
  if (!result.ok) expect.fail(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** Opens a shift if none is open and puts one item in the cart, as the signed-in staff member. */
export async function startSale(t: TerminalFixture, code = '4006381333931'): Promise<SaleView> {
  if (!(await ok(t, 'shifts.current'))) await ok(t, 'shifts.open', { floatMinor: 10_000 });
  const added = await ok<{ outcome: string; sale: SaleView }>(t, 'sales.addByBarcode', { code });
  expect(added.outcome).toBe('added');
  return added.sale;
}

/** Pays the open sale in cash with exactly what it asks for. */
export async function payCash(t: TerminalFixture, sale: SaleView, givenMinor = sale.cashDueMinor) {
  return ok<{ sale: SaleView; changeMinor: number }>(t, 'sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor });
}
