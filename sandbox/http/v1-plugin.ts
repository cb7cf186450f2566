import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  API_ROUTES,
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  idempotencyKeySchema,
  SIGNATURE_HEADER,
  type ApiRoute,
  type ApiRouteName,
} from '../../shared/api';
import { findCardData, findCardDataInPairs } from '../card-data';
import type { SandboxServices } from '../services';
import { ApiHttpError, parseOr400 } from './api-error';
import { authenticate } from './auth';
import { freshState } from './request-state';
import { faultySignature, signBody } from './signing';
import { createV1Handlers } from './v1-handlers';

export interface RateLimitConfig {
  max: number;
  windowMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Raw card data anywhere in the request line or headers: refused before anything else looks at it. */
function refuseCardDataInUrlAndHeaders(request: FastifyRequest): void {
  const found = findCardDataInPairs([['url', request.url], ...Object.entries(request.headers)], 'request');
  if (found)
    throw new ApiHttpError(
      'card_data_refused',
      `Raw card data is never accepted (${found.startsWith('request url') ? 'in the URL' : 'in a header'}). Send a payment token.`,
    );
}

export function registerV1(
  app: FastifyInstance,
  services: SandboxServices,
  limits: { api: RateLimitConfig; enrollment: RateLimitConfig },
): void {
  const handlers = createV1Handlers(services);

  app.addHook('onRequest', async (request, reply) => {
    request.sandbox = freshState();
    if (!request.url.startsWith('/v1/')) return;
    const decision = services.faults.decide(request.url.startsWith(API_ROUTES.events.path));
    request.sandbox.latencyMs = decision.latencyMs;
    switch (decision.fault) {
      case 'drop':
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      case 'http500':
        throw new ApiHttpError('internal', 'Injected fault: internal error.');
      case 'http503':
        throw new ApiHttpError('unavailable', 'Injected fault: service unavailable.', {
          headers: { 'retry-after': String(services.faults.current().retryAfterSeconds) },
        });
      case 'http429':
        throw new ApiHttpError('rate_limited', 'Injected fault: too many requests.', {
          headers: { 'retry-after': String(services.faults.current().retryAfterSeconds) },
        });
      default:
        request.sandbox.fault = decision.fault;
    }
    refuseCardDataInUrlAndHeaders(request);
  });

  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/v1/') || request.body === undefined) return;
    if (findCardData(request.body))
      throw new ApiHttpError('card_data_refused', 'Raw card data is never accepted. Send the payment token from the card reader.');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.sandbox;
    if (!state || !request.url.startsWith('/v1/') || typeof payload !== 'string') return payload;
    if (state.releaseIdempotency) {
      // Keep what the handler decided (success or refusal), never a crash: a retry should get a real answer.
      state.releaseIdempotency(reply.statusCode < 500 ? { status: reply.statusCode, body: payload } : undefined);
      state.releaseIdempotency = null;
    }
    if (request.routeOptions.url === API_ROUTES.events.path && reply.statusCode === 200 && state.terminal) {
      const t = Math.floor(services.now().getTime() / 1000);
      const fault = state.fault === 'bad_signature' || state.fault === 'stale_timestamp' ? state.fault : null;
      reply.header(
        SIGNATURE_HEADER,
        fault ? faultySignature(fault, state.terminal.signing_secret, payload, t) : signBody(state.terminal.signing_secret, payload, t),
      );
    }
    if (state.fault === 'reset') return cutMidResponse(request, reply, payload);
    return payload;
  });

  app.addHook('onResponse', async (request) => request.sandbox?.releaseIdempotency?.());

  for (const [name, route] of Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][]) {
    const limit = name === 'enroll' ? limits.enrollment : limits.api;
    app.route({
      method: route.method,
      url: route.path,
      config: { rateLimit: { max: limit.max, timeWindow: limit.windowMs } },
      preHandler: async (request, reply) => {
        if (route.auth !== 'none') request.sandbox.terminal = authenticate(request, services.tenants, route.auth, name === 'events');
        if (route.idempotent && (await claimIdempotencyKey(services, request, reply))) return reply;
        // Latency is slow processing: it comes after the key is claimed, as a slow server's would.
        if (request.sandbox.latencyMs > 0) await sleep(request.sandbox.latencyMs);
      },
      handler: async (request, reply) => {
        const input = {
          body: route.body ? parseOr400(route.body, request.body, 'body') : undefined,
          query: route.query ? parseOr400(route.query, request.query ?? {}, 'query') : undefined,
          params: route.params ? parseOr400(route.params, request.params, 'path') : undefined,
          terminal: request.sandbox.terminal,
        };
        const result = handlers[name](input);
        // Validated on the way out too: the sandbox must never teach a client a shape the schema denies.
        const body = route.response.parse(result.body);
        return reply.code(result.status ?? route.status).send(body);
      },
    });
  }
}

/** True when it answered from the store (a replay), so the handler must not run. */
async function claimIdempotencyKey(services: SandboxServices, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string' || !idempotencyKeySchema.safeParse(key).success) {
    throw new ApiHttpError(
      'idempotency_key_required',
      "Every POST needs an Idempotency-Key header (1–255 printable characters); use the item's client id.",
    );
  }
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
  const lookup = services.idempotency.begin(request.sandbox.terminal?.id ?? '', key, fingerprint);
  switch (lookup.state) {
    case 'in_flight':
      throw new ApiHttpError('idempotency_in_flight', 'A request with this Idempotency-Key is still being processed; retry later.', {
        headers: { 'retry-after': '1' },
      });
    case 'mismatch':
      throw new ApiHttpError('idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
    case 'replay':
      reply.header(IDEMPOTENT_REPLAY_HEADER, 'true').code(lookup.status).type('application/json; charset=utf-8');
      await reply.send(lookup.body);
      return true;
    case 'new':
      request.sandbox.releaseIdempotency = lookup.release;
      return false;
  }
}

/** The reset fault: the full response is committed and recorded, but only half of it reaches the client. */
function cutMidResponse(request: FastifyRequest, reply: FastifyReply, payload: string): Readable {
  const bytes = Buffer.from(payload);
  reply.header('content-length', bytes.length);
  const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(half);
      setTimeout(() => request.raw.socket?.destroy(), 20);
    },
  });
}
