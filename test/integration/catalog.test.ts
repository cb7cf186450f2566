import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderFileChooser } from '../../electron/main/catalog/import/folder-file-chooser';
import { createAppCore, type AppCore } from '../../electron/main/core/app-core';
import type { TerminalStorage } from '../../electron/main/core/terminal-storage';
import { isAppProtocolSender } from '../../electron/main/ipc/sender';
import { SECRET_NAMES } from '../../electron/main/secrets/keychain';
import type { IpcResult } from '../../shared/ipc/errors';
import { openTestStorage, realKeychain, tempDir } from '../support/storage';
import { trustedSender } from '../support/test-contract';

// The catalog on the real encrypted database, keyed from the real OS keychain, through the real core.
const keychain = realKeychain('catalog');
let dir: { dir: string; cleanup: () => void };
let storage: TerminalStorage;
let core: AppCore;

async function open(): Promise<void> {
  storage = await openTestStorage(keychain, dir.dir);
  core = createAppCore({
    appInfo: { productName: 'NoPOS Terminal', version: '1.0.0', platform: 'linux', startedAt: new Date() },
    now: () => new Date(),
    storage,
    isTrustedSender: isAppProtocolSender,
    catalogFiles: folderFileChooser(path.join(dir.dir, 'catalog-import')),
  });
}
const call = <T>(channel: string, payload?: unknown) => core.registry.dispatch(channel, payload, trustedSender) as Promise<IpcResult<T>>;
const data = async <T>(channel: string, payload?: unknown): Promise<T> => {
  const result = await call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data;
};

beforeEach(async () => {
  dir = tempDir('catalog-int');
  await open();
});
afterEach(() => {
  storage.close();
  dir.cleanup();
});
afterAll(async () => {
  for (const name of SECRET_NAMES) await keychain.delete(name);
});

describe('catalog on the encrypted database', () => {
  it('starts a new terminal with the demo catalog, and a cleared one stays empty across restarts', async () => {
    const first = core.catalog.service.info();
    expect(first).toMatchObject({ version: 1, source: 'demo', currency: 'EUR' });
    expect(first.productCount).toBeGreaterThan(200);
    storage.close();
    await open();
    expect(core.catalog.service.info()).toEqual(first);
    core.catalog.service.clear(null);
    storage.close();
    await open();
    expect(core.catalog.service.info()).toMatchObject({ version: 2, source: 'empty', productCount: 0 });
  });

  it('serves the register and an admin through the channels, with their permissions', async () => {
    expect(await call('catalog.search', { query: 'cola' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await data('staff.setupFirstAdmin', { name: 'Ada Admin', pin: '739164' });

    const found = await data<{ sku: string; currency: string; taxRateBp: number }[]>('catalog.search', { query: 'crè fraî' });
    expect(found[0]).toMatchObject({ name: 'Crème fraîche', currency: 'EUR', taxRateBp: 550 });
    expect(await data('catalog.search', { query: '"(*' })).toEqual([]);
    expect(await call('catalog.search', { query: 'x'.repeat(61) })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const tiles = await data<{ group: string; name: string }[]>('catalog.browse', { group: 'Bakery' });
    expect(tiles.length).toBeGreaterThan(5);
    expect(tiles.map((p) => p.name)).toEqual([...tiles.map((p) => p.name)].sort());

    const milk = core.catalog.service.search('whole milk')[0]!;
    expect(core.catalog.service.findByBarcode(milk.barcodes[0]!)).toEqual(milk);
    expect(core.catalog.service.findByBarcode(`0${milk.barcodes[0]!}`)).toEqual(milk);

    expect(await call('catalog.importFile')).toMatchObject({ ok: true, data: { outcome: 'cancelled' } });
    mkdirSync(path.join(dir.dir, 'catalog-import'));
    writeFileSync(
      path.join(dir.dir, 'catalog-import', 'spring.csv'),
      `\uFEFFsku,name,group,price,tax_category,sold_by,barcodes,active\r\nNEW-1,Wild garlic,Fruit & vegetables,12.90,food,weight,2345,true\r\nNEW-2,Thing,Pantry,1.00,luxury,unit,,true\r\n`,
    );
    expect(await data('catalog.importFile')).toEqual({
      outcome: 'imported',
      fileName: 'spring.csv',
      rowsRead: 2,
      imported: 1,
      errors: [{ line: 3, message: expect.stringMatching(/luxury/) }],
      moreErrors: 0,
      version: 2,
    });
    expect(core.catalog.service.findByBarcode('2345')).toMatchObject({ sku: 'NEW-1', soldBy: 'weight', priceMinor: 1290 });

    expect(await data('catalog.clear')).toMatchObject({ productCount: 0, version: 3 });
    expect(await data('catalog.loadDemo')).toMatchObject({ source: 'demo', version: 4 });
    expect(storage.audit.verify()).toMatchObject({ ok: true });
    const actions = (
      storage.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'catalog.%' ORDER BY seq").all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(['catalog.imported', 'catalog.cleared', 'catalog.imported']);
  });

  it('keeps admin catalog changes from a cashier', async () => {
    await data('staff.setupFirstAdmin', { name: 'Ada Admin', pin: '739164' });
    const cashier = await data<{ id: string }>('staff.create', { name: 'Cass', role: 'cashier', pin: '482913' });
    core.session.signOut();
    expect((await core.session.signIn(cashier.id, '482913')).outcome).toBe('signed_in');
    expect(await call('catalog.info')).toMatchObject({ ok: true });
    for (const channel of ['catalog.clear', 'catalog.loadDemo', 'catalog.importFile']) {
      expect(await call(channel)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core.catalog.service.info().productCount).toBeGreaterThan(200);
  });
});
