import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollmentError } from '../../../electron/main/enrollment/enrollment-errors';
import { startSync } from '../../../electron/main/core/terminal-sync';
import { coreWithSync } from '../../support/core-sync';
import { ROOT } from '../../support/browser';
import { buildNodeScript } from '../../support/build-node-script';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox-client';
import { startSandboxProcess, type SandboxProcess } from '../../support/sandbox-process';
import { openTestStorage, realKeychain, tempDir } from '../../support/storage';

// Issue 19.2: the API records the enrollment and spends the code, and the answer never arrives.
// The terminal must not stay unenrolled: it asks again with the same request id, at once or after
// a restart, and the API replays the credentials it issued. Never a second terminal for one code.

const scratch = tempDir('enrollment-lost');
afterAll(() => scratch.cleanup());

describe('an enrollment answer cut off mid-response (reset)', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(() => sb.cleanup());

  it('is asked again with the same code: the API replays it and the terminal is enrolled as the one it created', async () => {
    const dir = path.join(scratch.dir, 'reset');
    const keychain = realKeychain('enrollment-lost-reset');
    const storage = await openTestStorage(keychain, dir);
    const { sync } = coreWithSync(storage, {
      keychain,
      baseUrl: sb.sandbox.url,
      caPem: sb.sandbox.caPem,
      exportDir: path.join(dir, 'exports'),
    });
    try {
      const { json } = await sb.admin('POST', '/admin/enrollment-codes', {});
      sb.sandbox.services.faults.configure({ rate: 1, modes: ['reset'] });
      await expect(sync.enrollment.enroll(json.code, 'admin', null)).rejects.toEqual(new EnrollmentError('unreachable'));
      sb.sandbox.services.faults.configure({});
      const created = sb.sandbox.services.tenants.terminals();
      expect(created).toHaveLength(1);
      expect(sync.enrollment.isEnrolled()).toBe(false);

      const enrollment = await sync.enrollment.enroll(json.code, 'admin', null);
      expect(enrollment.terminalId).toBe(created[0]!.id);
      expect(sb.sandbox.services.tenants.terminals()).toHaveLength(1);
      // The replayed key is the one the API holds: an authenticated call works.
      await expect(sync.api.catalog(undefined, 1)).resolves.toMatchObject({ cursor: expect.any(String) });
    } finally {
      sync.close();
      storage.close();
    }
  });
});

describe('a terminal killed while the API enrolls it', () => {
  const dir = path.join(scratch.dir, 'kill');
  const service = `enrollment-lost-kill-${process.pid}`;
  let script: string;
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    script = await buildNodeScript(
      'test/integration/crash/enroll-runner.ts',
      path.join(ROOT, 'test-results', `enroll-child-${process.pid}`),
    );
    sandbox = await startSandboxProcess();
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    if (script) rmSync(path.dirname(script), { recursive: true, force: true });
  });

  it('enrolls itself at the next start with the same request id, as the terminal the API created', async () => {
    expect((await sandbox.admin('PUT', '/admin/faults', { latencyMs: [1_500, 1_500] })).status).toBe(200);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [script, dir, `NoPOS Terminal test ${service} ${process.pid}`, sandbox.url, sandbox.caPath, sandbox.code],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('enrolling')) setTimeout(() => child.kill('SIGKILL'), 700);
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended (${code}): ${stderr.slice(0, 2000)}`)),
      );
    });
    expect((await sandbox.admin('PUT', '/admin/faults', {})).status).toBe(200);
    const sandboxDb = new Database(path.join(sandbox.dataDir, 'sandbox.db'), { readonly: true });
    const terminals = () => sandboxDb.prepare('SELECT id FROM terminals').all() as { id: string }[];
    try {
      // The API finishes what it was asked: the code is spent, a terminal exists, the answer went nowhere.
      for (let i = 0; i < 60 && terminals().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(terminals()).toHaveLength(1);

      const keychain = realKeychain(service);
      const storage = await openTestStorage(keychain, dir);
      const { sync } = coreWithSync(storage, {
        keychain,
        exportDir: path.join(dir, 'exports'),
        baseUrl: sandbox.url,
        caPem: readFileSync(sandbox.caPath, 'utf8'),
      });
      startSync(sync, { argv: [], policyCode: undefined, log: (entry) => storage.appLog.write(entry) });
      try {
        for (let i = 0; i < 200 && !sync.enrollment.isEnrolled(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
        expect(sync.enrollment.current()?.terminalId).toBe(terminals()[0]!.id);
        expect(terminals()).toHaveLength(1);
        await expect(sync.api.catalog(undefined, 1)).resolves.toMatchObject({ cursor: expect.any(String) });
      } finally {
        sync.close();
        await sync.engine.idle();
        storage.close();
      }
    } finally {
      sandboxDb.close();
    }
  }, 60_000);
});
