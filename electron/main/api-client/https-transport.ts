import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiClientError } from './api-errors';
import { SystemProxyAgent, type ProxyResolver } from './proxy-agent';

export interface TransportOptions {
  /** The roots to verify against (trust-store.ts: the development CA alone, or Node's and the OS's); absent: Node's. */
  ca?: string | string[];
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  maxResponseBytes: number;
  /** Electron: the OS's proxy for a URL (session.resolveProxy); absent: always direct. */
  resolveProxy?: ProxyResolver;
}

export interface TransportReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface Transport {
  send(method: string, url: URL, headers: Record<string, string>, body?: string): Promise<TransportReply>;
  close(): void;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|HOSTNAME|ERR_TLS|alert|protocol version/i;

/**
 * HTTPS with TLS 1.3 or nothing. Certificates are always verified (no option turns that off) against
 * the roots given (trust-store.ts), so a development terminal trusts exactly the sandbox. Kept-alive
 * connections save a handshake per batch; every request has a connect and a response deadline and
 * a size limit, and every failure becomes an ApiClientError.
 */
export function createHttpsTransport(options: TransportOptions): Transport {
  const agentOptions = { keepAlive: true, maxSockets: 4, minVersion: 'TLSv1.3' as const, ...(options.ca ? { ca: options.ca } : {}) };
  const agent = options.resolveProxy ? new SystemProxyAgent(agentOptions, options.resolveProxy) : new Agent(agentOptions);
  return {
    close: () => agent.destroy(),
    send(method, url, headers, body) {
      if (url.protocol !== 'https:') return Promise.reject(new ApiClientError({ kind: 'insecure_url' }));
      return new Promise<TransportReply>((resolve, reject) => {
        let settled = false;
        const fail = (error: ApiClientError) => {
          if (settled) return;
          settled = true;
          clearTimeout(responseTimer);
          clearTimeout(connectTimer);
          req.destroy();
          reject(error);
        };
        const req = request(url, {
          method,
          agent,
          minVersion: 'TLSv1.3',
          rejectUnauthorized: true,
          headers: {
            ...headers,
            ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          },
        });
        const responseTimer = setTimeout(() => fail(new ApiClientError({ kind: 'timeout', phase: 'response' })), options.responseTimeoutMs);
        let connectTimer: NodeJS.Timeout | undefined;
        req.on('socket', (socket) => {
          // A kept-alive socket is connected already; a fresh one must finish its handshake in time.
          if ((socket as { authorized?: boolean }).authorized) return;
          connectTimer = setTimeout(() => fail(new ApiClientError({ kind: 'timeout', phase: 'connect' })), options.connectTimeoutMs);
          socket.once('secureConnect', () => clearTimeout(connectTimer));
        });
        req.on('error', (error: NodeJS.ErrnoException) => {
          const cause = error.code ?? 'error';
          fail(new ApiClientError(TLS_CODES.test(`${cause} ${error.message}`) ? { kind: 'tls', cause } : { kind: 'network', cause }));
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxResponseBytes) fail(new ApiClientError({ kind: 'too_large', limitBytes: options.maxResponseBytes }));
            else chunks.push(chunk);
          });
          res.on('aborted', () => fail(new ApiClientError({ kind: 'network', cause: 'response cut off' })));
          res.on('error', () => fail(new ApiClientError({ kind: 'network', cause: 'response cut off' })));
          res.on('end', () => {
            if (settled) return;
            if (!res.complete) return fail(new ApiClientError({ kind: 'network', cause: 'response cut off' }));
            settled = true;
            clearTimeout(responseTimer);
            clearTimeout(connectTimer);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
          });
        });
        req.end(body);
      });
    },
  };
}
