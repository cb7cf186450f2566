import { timingSafeEqual, randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { errorBody } from './http/api-error';
import { ApiHttpError } from './http/api-error';
import { registerAdmin } from './http/admin-routes';
import type { RequestState } from './http/request-state';
import { rateLimitKey, SharedWindowStore } from './http/rate-limit';
import { registerV1, type RateLimitConfig } from './http/v1-plugin';
import { ensureSandboxTls } from './ca';
import { FaultInjector, type FaultConfig } from './faults';
import { SandboxServices } from './services';
import { openSandboxDb } from './store/database';

export interface SandboxOptions {
  dataDir: string;
  /** 0 picks a free port (tests). Always bound to 127.0.0.1. */
  port?: number;
  reset?: boolean;
  rateLimit?: Partial<RateLimitConfig>;
  enrollmentRateLimit?: Partial<RateLimitConfig>;
  faults?: Partial<FaultConfig>;
  idempotencyTtlMs?: number;
  now?: () => Date;
}

export interface Sandbox {
  url: string;
  caPath: string;
  caPem: string;
  /** Guards /admin and the back office's calls; printed only as part of the back-office URL. */
  adminToken: string;
  backOfficeUrl: string;
  services: SandboxServices;
  logFile: string;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { max: 100, windowMs: 15 * 60_000 };
export const DEFAULT_ENROLLMENT_RATE_LIMIT: RateLimitConfig = { max: 10, windowMs: 15 * 60_000 };
const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the NoPOS API sandbox: HTTPS (TLS 1.3 only) on 127.0.0.1, state in `dataDir`. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const now = options.now ?? (() => new Date());
  const db = openSandboxDb(options.dataDir, { reset: options.reset });
  const tls = await ensureSandboxTls(options.dataDir, now());
  const services = new SandboxServices(db, now, new FaultInjector(options.faults), options.idempotencyTtlMs);
  services.defaultStore();
  services.idempotency.sweep();
  const adminToken = randomBytes(24).toString('base64url');
  const logFile = path.join(options.dataDir, 'logs', 'requests.log');
  mkdirSync(path.dirname(logFile), { recursive: true, mode: 0o700 });
  writeFileSync(logFile, '', { flag: 'a', mode: 0o600 });
  chmodSync(logFile, 0o600);

  const app: FastifyInstance = Fastify({
    https: { key: tls.keyPem, cert: tls.certPem, minVersion: 'TLSv1.3' },
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  app.decorateRequest('sandbox', null as unknown as RequestState);
  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    // One budget per known API key (hashed, never kept raw) across every route. Enrollment, and any call
    // with a missing or unknown key, counts against the caller's address: a made-up token buys nothing.
    keyGenerator: (request) => rateLimitKey(request, services),
    store: SharedWindowStore,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new ApiHttpError(
          'rate_limited',
          `Too many requests: at most ${context.max} per ${context.after}. Retry after the time in Retry-After.`,
        ),
        { statusCode: 429 },
      ),
  });
  registerV1(app, services, {
    api: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit },
    enrollment: { ...DEFAULT_ENROLLMENT_RATE_LIMIT, ...options.enrollmentRateLimit },
  });
  registerAdmin(app, services, (given) => safeEqual(given, adminToken));

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not_found', 'No such route.')));
  app.setErrorHandler((error: FastifyError | ApiHttpError, _request, reply) => {
    if (error instanceof ApiHttpError) {
      for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
      return reply.code(error.status).send(error.body());
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send(errorBody('payload_too_large', `Bodies are limited to ${MAX_BODY_BYTES} bytes.`));
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Parser errors (bad JSON, wrong content type): say what, never echo the body.
      return reply.code(400).send(errorBody('invalid_request', 'The request body must be JSON (application/json).'));
    }
    return reply.code(500).send(errorBody('internal', 'The sandbox hit an unexpected error.'));
  });

  // What was asked and answered: route pattern, status, terminal, time. Never a URL, header or body.
  app.addHook('onResponse', async (request, reply) => {
    const line = {
      at: now().toISOString(),
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      terminalId: request.sandbox?.terminal?.id ?? null,
      fault: request.sandbox?.fault ?? null,
      ms: Math.round(reply.elapsedTime),
    };
    appendFileSync(logFile, `${JSON.stringify(line)}\n`);
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as { port: number };
  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    caPath: tls.caPath,
    caPem: tls.caPem,
    adminToken,
    backOfficeUrl: `${url}/back-office#${adminToken}`,
    services,
    logFile,
    close: async () => {
      await app.close();
      db.close();
    },
  };
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
