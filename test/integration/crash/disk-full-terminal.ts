// A terminal core whose data folder is on a small tmpfs of its own (see disk-full.test.ts), driven
// by one command per line on stdin; it answers each with one JSON line on stdout. `fill` takes every
// free byte of the tmpfs, `free` gives it back.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { uuidv7 } from '../../../shared/domain/ids';
import type { SaleView } from '../../../shared/domain/sale';
import { createAppCore } from '../../../electron/main/core/app-core';
import { openTerminalStorage } from '../../../electron/main/core/terminal-storage';
import { createOsKeychain } from '../../../electron/main/secrets/os-keychain';
import { FAST_PIN_COST, insertStaff, staffDirectory } from '../../support/storage';
import { testCatalog } from '../../support/test-catalog';
import { trustedSender } from '../../support/test-contract';

function fill(file: string): number {
  const fd = openSync(file, 'a');
  let bytes = 0;
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
      const chunk = Buffer.alloc(size, 7);
      for (;;) {
        try {
          bytes += writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

async function main(): Promise<void> {
  const [dataDir, service, staffId] = process.argv.slice(2) as [string, string, string];
  const filler = path.join(path.dirname(dataDir), 'filler');
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
  const call = (channel: string, payload?: unknown) => core.registry.dispatch(channel, payload, trustedSender);
  if (!staffDirectory(storage).repository.get(staffId))
    await insertStaff(storage, { id: staffId, name: 'Disk tester', role: 'manager' }, '482913');
  const say = (answer: object) => process.stdout.write(`${JSON.stringify(answer)}\n`);
  say({ ready: true });

  for await (const line of createInterface({ input: process.stdin })) {
    const command = line.trim();
    if (command === 'sell') {
      // Signing in writes to the audit trail too: on a full disk it is refused like a sale.
      if (core.session.view().state !== 'signed_in') {
        const signIn = await call('session.signIn', { staffId, pin: '482913' });
        if (!signIn.ok) {
          say({ sell: false, error: signIn.error });
          continue;
        }
      }
      const current = await call('sales.current');
      let sale = current.ok ? (current.data as SaleView | null) : null;
      if (!sale) {
        const shift = await call('shifts.current');
        if (shift.ok && !shift.data) await call('shifts.open', { floatMinor: 10_000 });
        const added = await call('sales.addByBarcode', { code: '96385074' });
        if (!added.ok) {
          say({ sell: false, error: added.error });
          continue;
        }
        sale = (added.data as { sale: SaleView }).sale;
      }
      const paid = await call('sales.tenderCash', { saleId: sale.saleId, paymentId: uuidv7(), givenMinor: 2_000 });
      say(paid.ok ? { sell: true, status: (paid.data as { sale: SaleView }).sale.status } : { sell: false, error: paid.error });
    } else if (command === 'fill') {
      say({ filled: fill(filler) });
    } else if (command === 'free') {
      rmSync(filler, { force: true });
      say({ freed: true });
    } else if (command === 'status') {
      const status = await call('app.getStatus');
      say({ disk: status.ok ? (status.data as { disk: unknown }).disk : null });
    } else if (command === 'check') {
      const db = storage.db;
      const completed = (db.prepare("SELECT id FROM sales WHERE status = 'completed'").all() as { id: string }[]).map((r) => r.id);
      const queued = new Set(
        (db.prepare("SELECT client_id FROM outbox WHERE kind = 'sale'").all() as { client_id: string }[]).map((r) => r.client_id),
      );
      const docs = (db.prepare('SELECT seq FROM documents ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
      say({
        integrity: db.pragma('integrity_check', { simple: true }),
        audit: storage.audit.verify().ok,
        completed: completed.length,
        withoutOutbox: completed.filter((id) => !queued.has(id)).length,
        gapless: docs.every((seq, i) => seq === i + 1),
      });
    } else if (command === 'exit') {
      try {
        storage.close();
      } catch {
        // A close on a full disk may fail its checkpoint; the WAL keeps what was committed.
      }
      say({ bye: true });
      process.exit(0);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n${(error as Error)?.stack ?? ''}\n`);
  process.exit(1);
});
