import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../electron/main/storage/transaction';
import { uuidv7 } from '../../shared/domain/ids';
import type { SaleView } from '../../shared/domain/sale';
import { ARTIFACTS, blockingA11yIssues, signInThroughUi, openScreen } from '../support/browser';
import { e2eTerminal } from '../support/e2e-terminal';

// A manager works through what sync could not settle: a card payment declined after forwarding
// (the store is owed the money) and an item the NoPOS API refused.

const terminal = e2eTerminal('attention', { staff: [['Manny', 'manager', '205837']] });
let page: Page;
beforeAll(() => {
  ({ page } = terminal);
});

/** A call as the page makes it (same origin, the run's token), for what no screen arranges quickly. */
async function call<T>(channel: string, payload?: unknown): Promise<T> {
  const sender = { id: 'e2e', url: terminal.host.origin, isMainFrame: true, authenticated: true };
  const result = await terminal.core.registry.dispatch(channel, payload, sender);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.data as T;
}

describe('needs attention', () => {
  it('lists a declined-after-forward card payment and a refused item, and a manager resolves both', async () => {
    await signInThroughUi(page, 'Manny', '205837');
    await page.getByRole('heading', { name: 'Open a shift' }).waitFor();
    // A card sale taken offline (no API reachable), then the processor declines it after forwarding.
    await call('shifts.open', { floatMinor: 0 });
    const product = terminal.core.catalog.service.browse(terminal.core.catalog.service.info().groups[0]!, 0, 1)[0]!;
    const { sale } = await call<{ sale: SaleView }>('sales.addProduct', { productId: product.sku });
    const paymentId = uuidv7();
    await call('sales.tenderCard', { saleId: sale.saleId, paymentId });
    const refusedId = uuidv7();
    writeTransaction(terminal.storage.db, (tx) => {
      terminal.core.payments.onDeclinedAfterForward(tx, {
        clientId: paymentId,
        transactionClientId: sale.saleId,
        declineCode: 'insufficient_funds',
      });
      terminal.storage.needsAttention.add(tx, {
        clientId: refusedId,
        kind: 'rejected',
        itemKind: 'refund',
        reason: 'invalid_request: totalMinor: too big',
      });
    });

    await openScreen(page, 'Attention');
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    const declined = page.getByRole('region', { name: 'Card payments declined after forwarding' });
    await expect.poll(() => declined.getByRole('row').count()).toBe(2);
    await expect.poll(() => page.getByText('invalid_request: totalMinor: too big').count()).toBe(1);
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'needs-attention.png') });

    await declined.getByRole('button', { name: 'Resolve' }).click();
    await page.getByLabel('Written off (the store carries it)').check();
    await page.getByLabel('Reason').fill('customer not reachable');
    expect(await blockingA11yIssues(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record' }).click();
    await page
      .getByText(/Written off/)
      .first()
      .waitFor();

    await page.getByRole('region', { name: 'Refused by NoPOS' }).getByRole('button', { name: 'Resolve' }).click();
    await page.getByLabel('What was done').fill('re-entered in the back office');
    await page.getByRole('button', { name: 'Mark as resolved' }).click();
    await page.getByText('None: everything queued was accepted or is still on its way.').waitFor();
    await page.getByText('None: every card payment taken offline was accepted.').waitFor();

    const open = terminal.storage.needsAttention.list().filter((entry) => !entry.resolvedAt);
    expect(open).toEqual([]);
    const actions = (terminal.storage.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['payment.declined_after_forward', 'attention.resolved']));
  });
});
