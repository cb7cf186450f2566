import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUnsyncedMarker } from '../../../electron/main/deploy/start-unsynced-marker';
import { MARKER_FILE, readUnsyncedMarker } from '../../../electron/main/deploy/unsynced-marker';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { tempDir } from '../../support/storage';
import { syncTerminal } from '../../support/sync-terminal';

// The marker over a real terminal (SQLCipher storage, outbox, sync to the sandbox over HTTPS), read
// by the real deb prerm script.
let sb: TestSandbox;
const scratch = tempDir('unsynced-marker');
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterAll(async () => {
  await sb.cleanup();
  scratch.cleanup();
});

const home = () => path.join(scratch.dir, 'home');
const dataDir = () => path.join(home(), '.config', 'NoPOS Terminal');
const prerm = () =>
  spawnSync('sh', [path.resolve(import.meta.dirname, '../../../build/linux/prerm.sh'), 'remove'], {
    env: { PATH: process.env.PATH ?? '', NOPOS_TERMINAL_HOMES: home() },
  }).status;

describe('unsynced marker on a real terminal', () => {
  it('follows sales, an export and delivery; the deb prerm refuses until the queue is empty', async () => {
    const t = await syncTerminal(sb);
    const marker = startUnsyncedMarker({ dataDir: dataDir(), sync: t.sync, db: t.storage.db, now: () => new Date(), log: () => undefined });
    const file = path.join(dataDir(), MARKER_FILE);
    try {
      expect(readUnsyncedMarker(file)).toMatchObject({ unsynced: 0, oldestAt: null, lastExportAt: null });
      expect(prerm()).toBe(0);

      // Not enrolled yet: the sales wait. Each one queued updates the marker without being asked.
      await t.sell(3);
      const waiting = readUnsyncedMarker(file)!;
      expect(waiting.unsynced).toBe(4); // the sales and the open of their shift
      expect(waiting.oldestAt).toBe(t.sync.queue.pendingStats().oldestCreatedAt);
      expect(prerm()).toBe(1);

      t.sync.enrollment.exportUnsynced(t.sync.exportDir, t.staffId);
      marker.refresh();
      expect(readUnsyncedMarker(file)!.lastExportAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      // An export alone does not make removal safe: the items still wait (an admin forces it).
      expect(prerm()).toBe(1);

      await t.enroll();
      await t.drained();
      expect(readUnsyncedMarker(file)!.unsynced).toBe(0);
      expect(prerm()).toBe(0);
      // No sale data: only the four keys and the comment.
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/MILK|sale_|"/);
    } finally {
      marker.stop();
      await t.close();
    }
  });
});
