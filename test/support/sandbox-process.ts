import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { ADMIN_TOKEN_HEADER } from '../../sandbox/http/admin-routes';
import { ROOT } from './browser';
import { call, type CallOptions, type Reply } from './sandbox-client';
import { tempDir } from './storage';

/**
 * The built sandbox (`dist/sandbox/index.cjs`, as `npm run sandbox` runs it) in its own process on
 * loopback: the terminal under test keeps its main thread to itself, as it would in a store. What it
 * holds is read from its database file, read-only.
 */
export interface SandboxProcess {
  url: string;
  caPem: string;
  caPath: string;
  /** The one-time code it printed at start. */
  code: string;
  dataDir: string;
  call(method: string, route: string, options?: CallOptions): Promise<Reply>;
  admin(method: string, route: string, body?: unknown): Promise<Reply>;
  /** Every `/v1` request dropped (`true`) or answered again (`false`). */
  setOffline(offline: boolean): Promise<void>;
  /** Each client id it holds, with how many times (all terminals). */
  clientIdCounts(): Map<string, number>;
  /** How many requests its log shows for this path so far. */
  requestsTo(route: string): number;
  stop(): Promise<void>;
}

export async function startSandboxProcess(options: { args?: string[]; dataDir?: string } = {}): Promise<SandboxProcess> {
  const entry = path.join(ROOT, 'dist', 'sandbox', 'index.cjs');
  if (!existsSync(entry)) throw new Error('The sandbox is not built: run `npm run build` first.');
  const scratch = options.dataDir ? null : tempDir('sandbox-process');
  const dataDir = options.dataDir ?? scratch!.dir;
  const child = spawn(process.execPath, [entry, '--data-dir', dataDir, '--port', '0', '--rate-limit', '1000000', ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const banner = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/Data folder:/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}): ${out}`)));
  });
  const pick = (pattern: RegExp) => {
    const match = pattern.exec(banner)?.[1];
    if (!match) throw new Error(`sandbox banner lacks ${pattern}: ${banner}`);
    return match;
  };
  const url = pick(/running at (https:\/\/127\.0\.0\.1:\d+)/);
  const caPath = pick(/CA certificate:\s+(\S+)/);
  const adminToken = pick(/Back office:\s+\S+#(\S+)/);
  const caPem = readFileSync(caPath, 'utf8');
  const logFile = path.join(dataDir, 'logs', 'requests.log');
  let db: Database.Database | null = null;
  const readDb = () => (db ??= new Database(path.join(dataDir, 'sandbox.db'), { readonly: true, fileMustExist: true }));
  const self: SandboxProcess = {
    url,
    caPem,
    caPath,
    dataDir,
    code: pick(/Enrollment code:\s+([A-Z0-9-]+)/),
    call: (method, route, callOptions) => call(url, caPem, method, route, callOptions),
    admin: (method, route, body) => self.call(method, route, { body, headers: { [ADMIN_TOKEN_HEADER]: adminToken } }),
    async setOffline(offline) {
      const reply = await self.admin('PUT', '/admin/faults', { offline });
      if (reply.status !== 200) throw new Error(`faults: ${reply.status} ${reply.text}`);
    },
    clientIdCounts() {
      const rows = readDb().prepare('SELECT client_id, count(*) AS n FROM transactions GROUP BY client_id').all() as {
        client_id: string;
        n: number;
      }[];
      return new Map(rows.map((r) => [r.client_id, r.n]));
    },
    requestsTo(route) {
      if (!existsSync(logFile)) return 0;
      return readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes(route)).length;
    },
    async stop() {
      db?.close();
      db = null;
      await stopChild(child);
      scratch?.cleanup();
    },
  };
  return self;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
