import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextSeq } from '../../../sandbox/store/database';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal, type SyncTerminal } from '../../support/sync-terminal';

// Regression (issue 15, item 7): the sandbox's seeded "Travel mug" had a barcode with a wrong check
// digit; the terminal refused the whole catalog page every cycle, the status bar said Online and
// back-office price changes never arrived. Now the good rows of a pull are applied, each refused row
// is held in needs-attention with its reason, and a failed pull says since when the catalog is stale.

let sb: TestSandbox;
let t: SyncTerminal;
beforeEach(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterEach(async () => {
  await t?.close();
  await sb.cleanup();
});

const db = () => sb.sandbox.services.db;
const storeId = () => sb.sandbox.services.defaultStore().id;
const productId = (sku: string) =>
  (db().prepare('SELECT id FROM products WHERE sku = ? AND store_id = ?').get(sku, storeId()) as { id: string }).id;
/** A back-office edit the sandbox's own checks let through (the wire format only asks for 8–14 digits). */
function setBarcode(sku: string, barcode: string): void {
  backOfficeEdit(() =>
    db()
      .prepare('UPDATE products SET barcode = ?, seq = ?, updated_at = ? WHERE id = ?')
      .run(barcode, nextSeq(db()), new Date().toISOString(), productId(sku)),
  );
}
/** Changes the sandbox's store directly and tells terminals through the events feed, as the back office does. */
function backOfficeEdit(change: () => void): void {
  db().transaction(() => {
    change();
    sb.sandbox.services.events.emit({ storeId: storeId(), type: 'catalog.updated', data: { cursor: '0' } });
  })();
}
const open = () => t.storage.needsAttention.list();

async function enrolledTerminal(): Promise<SyncTerminal> {
  t = await syncTerminal(sb);
  await t.enroll();
  await t.sync.engine.syncNow();
  return t;
}

describe('catalog pull', () => {
  it('takes the whole seeded catalog, the travel mug included', async () => {
    await enrolledTerminal();
    const mug = t.core.catalog.service.get('MER-001');
    expect(mug).toMatchObject({ name: 'Travel mug', priceMinor: 1_499 });
    expect(t.core.catalog.service.findByBarcode('4098765432101')?.sku).toBe('MER-001');
    expect(t.core.catalog.service.info().productCount).toBe(6);
    expect(open()).toEqual([]);
    expect(t.sync.engine.status()).toMatchObject({ connectivity: 'online', needsAttention: 0, catalogOutOfDateSince: null });
  });

  it('applies the good rows, holds a refused one with its reason, and resolves it once a good version arrives', async () => {
    await enrolledTerminal();
    setBarcode('COF-001', '4006381333932'); // wrong check digit
    expect((await sb.admin('POST', `/admin/products/${productId('COF-002')}/price`, { priceMinor: 360 })).status).toBe(200);
    const status = await t.sync.engine.syncNow();

    expect(t.core.catalog.service.get('COF-002')?.priceMinor).toBe(360); // the price change behind it arrived
    expect(t.core.catalog.service.get('COF-001')?.barcodes).toEqual(['4006381333931']); // the refused version changed nothing
    expect(open()).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        itemKind: 'product',
        clientId: expect.stringMatching(/^product:prd_[a-z2-7]{16}@/) as string,
      }),
    ]);
    expect(open()[0]!.reason).toMatch(
      /^Product COF-001 \(Filter coffee\) prd_\w+ from NoPOS was not applied: barcodes "4006381333932": a GTIN whose check digit is wrong\./,
    );
    expect(status).toMatchObject({ connectivity: 'online', needsAttention: 1, catalogOutOfDateSince: null });
    // Pulling again holds nothing twice.
    await t.sync.engine.syncNow();
    expect(open()).toHaveLength(1);

    setBarcode('COF-001', '4006381333931');
    await t.sync.engine.syncNow();
    expect(open()).toEqual([]);
    expect(t.storage.needsAttention.list({ includeResolved: true })).toEqual([
      expect.objectContaining({ resolvedBy: 'sync', resolution: 'A later version from NoPOS was applied.' }),
    ]);
  });

  it('holds a product whose barcode another product holds, and applies the rest of the page', async () => {
    await enrolledTerminal();
    setBarcode('BAK-002', '4012345678901'); // the croissant's
    setBarcode('MER-002', '96385074');
    await t.sync.engine.syncNow();
    expect(t.core.catalog.service.findByBarcode('96385074')?.sku).toBe('MER-002');
    expect(t.core.catalog.service.findByBarcode('4012345678901')?.sku).toBe('BAK-001');
    expect(open().map((e) => e.reason)).toEqual([expect.stringContaining('already belongs to product BAK-001') as string]);
  });

  it('says since when the catalog is out of date while its pull fails, and clears it when one works', async () => {
    await enrolledTerminal();
    const lastGood = t.storage.db.prepare("SELECT value_json FROM sync_state WHERE key = 'catalog.lastPulledAt'").get() as {
      value_json: string;
    };
    // A tax category the API's own schema refuses: the sandbox cannot serve the page (500).
    const taxId = 'tax_' + 'b'.repeat(16);
    backOfficeEdit(() =>
      db()
        .prepare('INSERT INTO tax_categories VALUES (?, ?, ?, ?, ?, ?)')
        .run(taxId, storeId(), 'Broken', 20_000, nextSeq(db()), new Date().toISOString()),
    );
    expect((await sb.admin('POST', `/admin/products/${productId('COF-002')}/price`, { priceMinor: 370 })).status).toBe(200);
    const stale = await t.sync.engine.syncNow();
    expect(stale).toMatchObject({ connectivity: 'online', catalogOutOfDateSince: JSON.parse(lastGood.value_json) as string });
    expect(t.core.catalog.service.get('COF-002')?.priceMinor).toBe(340);

    // Retried on every run while out of date (the feed does not say "changed" again), without a new event.
    db().prepare('UPDATE tax_categories SET rate_bp = 2000 WHERE id = ?').run(taxId);
    expect(await t.sync.engine.syncNow()).toMatchObject({ catalogOutOfDateSince: null });
    expect(t.core.catalog.service.get('COF-002')?.priceMinor).toBe(370);
  });
});

describe('staff pull', () => {
  it('applies the good rows and holds a staff member the terminal cannot take, with the reason', async () => {
    await enrolledTerminal();
    const blank = (await sb.admin('POST', '/admin/staff', { storeId: storeId(), name: 'Blank Name', role: 'cashier' })).json.id as string;
    db().prepare('UPDATE staff SET name = ? WHERE id = ?').run('   ', blank);
    expect((await sb.admin('POST', '/admin/staff', { storeId: storeId(), name: 'Robin Till', role: 'cashier' })).status).toBe(201);
    await t.sync.engine.syncNow();
    const names = (t.storage.db.prepare("SELECT name FROM staff WHERE source = 'api' ORDER BY name").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(names).toEqual(['Alex Morgan', 'Robin Till', 'Sam Lee']);
    expect(open()).toEqual([
      expect.objectContaining({
        itemKind: 'staff',
        reason: expect.stringContaining(`Staff member ${blank} from NoPOS was not applied: name "   ": a name`) as string,
      }),
    ]);
    expect(t.sync.engine.status()).toMatchObject({ staffOutOfDateSince: null, needsAttention: 1 });
  });
});

// Regression (issue 15, item 10): the store name stayed "My store" after enrolling in "Demo Store".
describe('store pull', () => {
  it('takes the store name, address and currency from enrollment and the store pull, unless an admin set them here', async () => {
    t = await syncTerminal(sb);
    expect(t.storage.settings.current().values.store.name).toBe('My store');
    await t.enroll();
    expect(t.storage.settings.current().values.store).toMatchObject({
      name: 'Demo Store',
      address: '1 Market Street\n10115 Berlin',
      currency: 'EUR',
    });
    await t.sync.engine.syncNow();
    expect(t.storage.settings.current().values.store).toMatchObject({
      name: 'Demo Store',
      address: '1 Market Street\n10115 Berlin',
      currency: 'EUR',
    });

    // An admin's own name for the store wins over the back office's; what the admin left alone follows it.
    t.storage.settings.update({ store: { name: 'Corner Shop' } }, t.staffId);
    expect(
      (await sb.admin('PATCH', `/admin/stores/${storeId()}`, { name: 'Demo Store Mitte', address: '2 Market Street\n10115 Berlin' }))
        .status,
    ).toBe(200);
    await t.sync.engine.syncNow();
    expect(t.storage.settings.current().values.store).toMatchObject({ name: 'Corner Shop', address: '2 Market Street\n10115 Berlin' });
    const audited = t.storage.db.prepare("SELECT actor_id, target FROM audit_log WHERE action = 'settings.changed' ORDER BY seq").all();
    expect(audited).toEqual([
      { actor_id: null, target: 'store.name,store.address' },
      { actor_id: t.staffId, target: 'store.name' },
      { actor_id: null, target: 'store.address' },
    ]);
  });
});
