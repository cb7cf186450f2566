import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { SecureVersion } from 'node:tls';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { ADMIN_TOKEN_HEADER } from '../../sandbox/http/admin-routes';
import { enrollmentResponseSchema, type EnrollmentResponse } from '../../shared/api/enrollment';
import type { ApiScope } from '../../shared/api/scopes';
import { tempDir } from './storage';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  key?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Defaults to exactly the sandbox's CA; tests pass another to prove it is refused. */
  ca?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
}

/** A real HTTPS client (node:https, fresh connection per call) that trusts exactly the given CA. */
export function call(base: string, ca: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
    ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${base}${path}`,
      {
        method,
        headers,
        ca: options.ca ?? ca,
        agent: false,
        minVersion: options.minVersion ?? 'TLSv1.3',
        ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface TestSandbox {
  sandbox: Sandbox;
  dataDir: string;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  admin(method: string, path: string, body?: unknown): Promise<Reply>;
  enroll(scopes?: ApiScope[]): Promise<EnrollmentResponse>;
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

/** A real sandbox on 127.0.0.1 in a temp folder (or `dataDir`), with a client bound to its CA. */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const scratch = options.dataDir ? null : tempDir('sandbox');
  const dataDir = options.dataDir ?? scratch!.dir;
  const sandbox = await startSandbox({ port: 0, ...options, dataDir });
  const self: TestSandbox = {
    sandbox,
    dataDir,
    call: (method, path, callOptions) => call(sandbox.url, sandbox.caPem, method, path, callOptions),
    admin: (method, path, body) => self.call(method, path, { body, headers: { [ADMIN_TOKEN_HEADER]: sandbox.adminToken } }),
    enroll: async (scopes) => {
      const code = await self.admin('POST', '/admin/enrollment-codes', scopes ? { scopes } : {});
      const reply = await self.call('POST', '/v1/enrollments', { idempotencyKey: uuidV7(), body: { code: code.json.code } });
      if (reply.status !== 201) throw new Error(`enrollment failed: ${reply.text}`);
      return enrollmentResponseSchema.parse(reply.json);
    },
    stop: () => sandbox.close(),
    cleanup: async () => {
      await sandbox.close().catch(() => {});
      scratch?.cleanup();
    },
  };
  return self;
}

let counter = 0;
/** A valid UUIDv7 (time-ordered), as the terminal makes client ids. */
export function uuidV7(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const rand = Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  counter = (counter + 1) % 4096;
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${counter.toString(16).padStart(3, '0')}-${'89ab'[counter % 4]}${rand.slice(0, 3)}-${rand.slice(3, 15)}`;
}

export function sale(overrides: Record<string, unknown> = {}) {
  return {
    clientId: uuidV7(),
    type: 'sale',
    terminalSequence: 1,
    occurredAt: new Date().toISOString(),
    currency: 'EUR',
    totalMinor: 590,
    body: {
      lines: [
        { sku: 'COF-002', barcode: '4006381333948', qty: 1, priceMinor: 340 },
        { sku: 'BAK-001', qty: 1, priceMinor: 250 },
      ],
    },
    ...overrides,
  };
}
