import type { z } from 'zod';
import {
  API_ROUTES,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  apiErrorSchema,
  type ApiRouteName,
  type EnrollmentResponse,
} from '../../../shared/api';
import { catalogPageRowsSchema, staffPageRowsSchema, type CatalogPageRows, type StaffPageRows } from '../../../shared/api/catalog';
import type { Keychain } from '../secrets/keychain';
import { ApiClientError, parseRetryAfter } from './api-errors';
import type { Transport, TransportReply } from './https-transport';

export interface ApiClientDeps {
  /** Read for each request (IT may change the policy while the terminal runs); https only. */
  baseUrl: string | (() => string);
  transport: Transport;
  keychain: Keychain;
  now: () => Date;
  /**
   * The origin the API key was issued at (stored with the enrollment); null before enrollment. A
   * request with the key goes there and nowhere else, whatever the URL configured now.
   */
  boundOrigin?: () => string | null;
  /** Told of every request's fate: answered (any status) or not (no link, timeout, TLS). */
  reachability?: { answered(): void; unreachable(): void };
}

type Response<N extends ApiRouteName> = z.output<(typeof API_ROUTES)[N]['response']>;

interface CallOptions {
  query?: Record<string, string | undefined>;
  params?: Record<string, string>;
  /** A JSON body already serialized (outbox payloads are sent as stored, never re-encoded). */
  rawBody?: string;
  idempotencyKey?: string;
  /** Enrollment has no key yet. */
  anonymous?: boolean;
}

/** Throws the typed error for an http:// (or otherwise non-https) base URL. */
export function requireHttps(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ApiClientError({ kind: 'insecure_url' });
  }
  if (url.protocol !== 'https:' || url.username || url.password) throw new ApiClientError({ kind: 'insecure_url' });
  return url;
}

/**
 * The NoPOS API, for the main process only. The API key is read from the keychain for each request
 * and goes nowhere but the Authorization header; every answer is checked by the API's own zod
 * schema before anyone uses it, and every failure is an ApiClientError.
 */
export class ApiClient {
  constructor(private readonly deps: ApiClientDeps) {
    // A fixed URL is checked at once; a changing one before every request.
    if (typeof deps.baseUrl === 'string') requireHttps(deps.baseUrl);
  }

  private base(): URL {
    return requireHttps(typeof this.deps.baseUrl === 'string' ? this.deps.baseUrl : this.deps.baseUrl());
  }

  /** The origin requests go to now (https checked): what an enrollment binds its key to. */
  currentOrigin(): string {
    return this.base().origin;
  }

  /** `requestId` is the Idempotency-Key: asked again with the same code and id, the API replays its answer. */
  enroll(code: string, terminalName: string | undefined, requestId: string): Promise<EnrollmentResponse> {
    return this.call('enroll', {
      anonymous: true,
      rawBody: JSON.stringify({ code, ...(terminalName ? { terminalName } : {}) }),
      idempotencyKey: requestId,
    });
  }

  time(): Promise<Response<'time'>> {
    return this.call('time', { anonymous: true });
  }

  store(): Promise<Response<'store'>> {
    return this.call('store', {});
  }

  /** Products are checked one by one by the pull, so one bad product does not refuse the page. */
  catalog(cursor: string | undefined, limit = 500): Promise<CatalogPageRows> {
    return this.call('catalog', { query: { cursor, limit: String(limit) } }, catalogPageRowsSchema);
  }

  /** Staff are checked one by one by the pull. */
  staff(cursor: string | undefined, limit = 500): Promise<StaffPageRows> {
    return this.call('staff', { query: { cursor, limit: String(limit) } }, staffPageRowsSchema);
  }

  /** `items` are the envelopes as queued (JSON text); the batch key is chosen by the caller. */
  transactionBatch(items: readonly string[], idempotencyKey: string): Promise<Response<'transactionBatch'>> {
    return this.call('transactionBatch', { rawBody: `{"items":[${items.join(',')}]}`, idempotencyKey });
  }

  /** Null when the API has no transaction with this client id. */
  async findTransaction(clientId: string): Promise<Response<'getTransaction'> | null> {
    return this.orNullOn404(() => this.call('getTransaction', { params: { clientId } }));
  }

  createPayment(rawBody: string, clientId: string): Promise<Response<'createPayment'>> {
    return this.call('createPayment', { rawBody, idempotencyKey: clientId });
  }

  /** Card payments stored offline, as queued (JSON text); the batch key is chosen by the caller. */
  paymentBatch(items: readonly string[], idempotencyKey: string): Promise<Response<'paymentBatch'>> {
    return this.call('paymentBatch', { rawBody: `{"items":[${items.join(',')}]}`, idempotencyKey });
  }

  async findPayment(clientId: string): Promise<Response<'getPayment'> | null> {
    return this.orNullOn404(() => this.call('getPayment', { params: { clientId } }));
  }

  /** Voids an approval the terminal cannot use, or blocks a client id the API never received. */
  reversePayment(clientId: string, body: z.input<typeof API_ROUTES.reversePayment.body>): Promise<Response<'reversePayment'>> {
    return this.call('reversePayment', { params: { clientId }, rawBody: JSON.stringify(body), idempotencyKey: `rev-${clientId}` });
  }

  auditUpload(body: z.input<typeof API_ROUTES.auditUpload.body>, idempotencyKey: string): Promise<Response<'auditUpload'>> {
    return this.call('auditUpload', { rawBody: JSON.stringify(body), idempotencyKey });
  }

  securityEvents(body: z.input<typeof API_ROUTES.securityEvents.body>, idempotencyKey: string): Promise<Response<'securityEvents'>> {
    return this.call('securityEvents', { rawBody: JSON.stringify(body), idempotencyKey });
  }

  upsertCustomer(body: z.input<typeof API_ROUTES.upsertCustomer.body>, idempotencyKey: string): Promise<Response<'upsertCustomer'>> {
    return this.call('upsertCustomer', { rawBody: JSON.stringify(body), idempotencyKey });
  }

  eraseCustomer(
    customerId: string,
    body: z.input<typeof API_ROUTES.eraseCustomer.body>,
    idempotencyKey: string,
  ): Promise<Response<'eraseCustomer'>> {
    return this.call('eraseCustomer', { params: { customerId }, rawBody: JSON.stringify(body), idempotencyKey });
  }

  sendReceiptEmail(body: z.input<typeof API_ROUTES.sendReceiptEmail.body>, idempotencyKey: string): Promise<Response<'sendReceiptEmail'>> {
    return this.call('sendReceiptEmail', { rawBody: JSON.stringify(body), idempotencyKey });
  }

  /** The raw body and signature header: the caller verifies them before parsing anything. */
  async eventsRaw(cursor: string | undefined, limit = 100): Promise<{ body: string; signature: string | null }> {
    const reply = await this.exchange('events', { query: { cursor, limit: String(limit) } });
    const header = reply.headers[SIGNATURE_HEADER];
    return { body: reply.text, signature: typeof header === 'string' ? header : null };
  }

  private async orNullOn404<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      if (ApiClientError.is(error) && error.failure.kind === 'http' && error.failure.status === 404) return null;
      throw error;
    }
  }

  private async call<N extends ApiRouteName>(name: N, options: CallOptions): Promise<Response<N>>;
  private async call<T>(name: ApiRouteName, options: CallOptions, schema: z.ZodType<T>): Promise<T>;
  private async call(name: ApiRouteName, options: CallOptions, schema: z.ZodType = API_ROUTES[name].response): Promise<unknown> {
    const reply = await this.exchange(name, options);
    let json: unknown;
    try {
      json = JSON.parse(reply.text);
    } catch {
      throw new ApiClientError({ kind: 'malformed', what: `${name}: not JSON` });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ApiClientError({ kind: 'malformed', what: `${name}: ${parsed.error.issues[0]?.path.join('.') || 'shape'}` });
    return parsed.data;
  }

  /** One request; resolves only with a success status, everything else is an ApiClientError. */
  private async exchange(name: ApiRouteName, options: CallOptions): Promise<TransportReply> {
    const route = API_ROUTES[name];
    let path: string = route.path;
    for (const [key, value] of Object.entries(options.params ?? {})) path = path.replace(`:${key}`, encodeURIComponent(value));
    const url = new URL(path, this.base());
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (!options.anonymous && route.auth !== 'none') {
      const bound = this.deps.boundOrigin?.() ?? null;
      if (bound !== null && bound !== url.origin) throw new ApiClientError({ kind: 'origin_changed' });
      const key = await this.deps.keychain.get('api-key');
      if (!key) throw new ApiClientError({ kind: 'not_enrolled' });
      headers.authorization = `Bearer ${key}`;
    }
    if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
    let reply: TransportReply;
    try {
      reply = await this.deps.transport.send(route.method, url, headers, options.rawBody);
    } catch (error) {
      if (ApiClientError.is(error) && !error.reachedServer && error.failure.kind !== 'insecure_url') this.deps.reachability?.unreachable();
      throw error;
    }
    this.deps.reachability?.answered();
    if (reply.status === route.status || (reply.status >= 200 && reply.status < 300)) return reply;
    throw this.errorFrom(reply);
  }

  private errorFrom(reply: TransportReply): ApiClientError {
    let code: ApiClientError['failure'] extends infer F ? (F extends { code: infer C } ? C : never) : never = null;
    let message = 'no details';
    try {
      const body = apiErrorSchema.safeParse(JSON.parse(reply.text));
      if (body.success) {
        code = body.data.error.code;
        message = body.data.error.message;
      }
    } catch {
      // Not JSON: the status alone decides.
    }
    if (reply.status === 401 || reply.status === 403)
      return new ApiClientError({ kind: 'credentials_rejected', status: reply.status, code });
    return new ApiClientError({
      kind: 'http',
      status: reply.status,
      code,
      message,
      retryAfterMs: parseRetryAfter(reply.headers['retry-after'], this.deps.now().getTime()),
    });
  }
}
