import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { syncTerminal } from '../../support/sync-terminal';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ rateLimit: { max: 1_000_000 } });
});
afterAll(async () => sb.cleanup());

describe('a sync closed with its storage', () => {
  // Enrollment at start settles in the background and then starts sync; a terminal shut down before
  // that must not wake up to read a closed database (CI found it as an unhandled rejection).
  it('is not started again by an enrollment that settles after the close', async () => {
    const terminal = await syncTerminal(sb);
    await terminal.enroll();
    await terminal.drained();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      await terminal.close();
      terminal.sync.engine.start();
      terminal.sync.engine.nudge();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await terminal.sync.engine.idle();
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
