import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaleView } from '../../../shared/domain/sale';
import { customerDisplayBody } from '../../../electron/main/devices/customer-display/display-html';
import { ok, payCash, startSale } from '../../support/register-steps';
import { PoleDisplaySimulator, VirtualSerialPair } from '../../support/serial-devices';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// The real core selling; the pole display is driven through the real serialport code over socat.

let t: TerminalFixture;
let pair: VirtualSerialPair;
let pole: PoleDisplaySimulator;

beforeEach(async () => {
  pair = await VirtualSerialPair.open();
  pole = await PoleDisplaySimulator.start(pair.deviceEnd);
  t = await terminalFixture();
  t.storage.settings.update(
    { store: { name: 'Corner Grocer' }, devices: { customerDisplay: { kind: 'pole', serialPath: pair.terminalEnd } } },
    null,
  );
  const cashier = await t.addStaff('Cass Cashier', 'cashier', '482913');
  expect((await t.core.session.signIn(cashier, '482913')).outcome).toBe('signed_in');
});
afterEach(async () => {
  await t.core.devices.idle();
  await pole.close();
  await pair.close();
  t.close();
});

describe('the customer display', () => {
  it('shows each scanned line and the total, then the change and thanks, on the pole and the screen', async () => {
    const sale = await startSale(t);
    // 20 characters a line, and cp437 has no €: the amount is spelled out.
    await pole.shows('Whole milk');
    expect(pole.lines[1]).toMatch(/^Total\s+EUR\s?1[.,]29$/);
    const screen = customerDisplayBody(t.core.devices.customerDisplay.current);
    expect(screen).toContain('Whole milk 1 l');
    expect(screen).toContain(t.core.devices.customerDisplay.current.phase === 'sale' ? t.core.devices.customerDisplay.current.total : '?');

    const paid = await payCash(t, sale, 500);
    expect(paid.sale.status).toBe('completed');
    await pole.shows('Thank you');
    expect(pole.lines[0]).toMatch(/^Change\s+/);
    const view = t.core.devices.customerDisplay.current;
    expect(view).toMatchObject({ phase: 'paid', storeName: 'Corner Grocer' });
    // Nothing but the customer's own sale: no staff name, no ids, no card data.
    const everything = JSON.stringify(view) + customerDisplayBody(view) + pole.lines.join('');
    expect(everything).not.toMatch(/Cass|st_|4242|tok/);
  });

  it('goes back to its welcome when the sale is cleared', async () => {
    await startSale(t);
    await pole.shows('Whole milk');
    await ok<SaleView | null>(t, 'sales.clear');
    await pole.shows('Welcome');
    expect(pole.lines[1]).toContain('Corner Grocer');
  });

  it('a pole display that is unplugged never slows a sale: the cashier is told once', async () => {
    await pole.close();
    await pair.close();
    await startSale(t);
    const { sale } = await ok<{ sale: SaleView }>(t, 'sales.addByBarcode', { code: '4006381333931' });
    expect((await payCash(t, sale)).sale.status).toBe('completed');
    await t.core.devices.idle();
    const problems = t.core.devices.status().recent.filter((e) => e.device === 'display');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/pole display does not answer/);
  });
});
