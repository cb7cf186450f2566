import http from 'node:http';
import { Agent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import tls, { type ConnectionOptions } from 'node:tls';

/**
 * Where the OS says a URL's traffic goes, in PAC form as Electron's `session.resolveProxy` answers
 * ("DIRECT", "PROXY host:port; DIRECT", …): system settings, WPAD and PAC files included.
 */
export type ProxyResolver = (url: string) => Promise<string>;

/** The first HTTP proxy of a PAC answer, or null for DIRECT (SOCKS and HTTPS proxies are skipped). */
export function httpProxyOf(pac: string): { host: string; port: number } | null {
  for (const entry of pac.split(';').map((e) => e.trim())) {
    if (/^DIRECT$/i.test(entry)) return null;
    const [, host, port] = /^PROXY\s+\[?([^\]\s]+?)\]?:(\d{1,5})$/i.exec(entry) ?? [];
    if (host && port) return { host, port: Number(port) };
  }
  return null;
}

type Connected = (error: Error | null, socket?: Duplex) => void;

/**
 * An https Agent that reaches NoPOS through the proxy the OS names, with an HTTP CONNECT tunnel: TLS
 * still runs end to end between the terminal and NoPOS with every rule of the transport (TLS 1.3, the
 * trusted roots), so the proxy sees only the host name. Without a proxy it connects directly.
 */
export class SystemProxyAgent extends Agent {
  constructor(
    options: AgentOptions,
    private readonly resolveProxy: ProxyResolver,
  ) {
    super(options);
  }

  override createConnection(options: ConnectionOptions & { host?: string; port?: number }, callback: Connected): undefined {
    const host = options.host ?? 'localhost';
    const port = options.port ?? 443;
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.resolveProxy(`https://${target}/`).then(
      (pac) => {
        const proxy = httpProxyOf(pac);
        if (!proxy) {
          callback(null, tls.connect(options));
          return;
        }
        const connect = http.request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: target, headers: { host: target } });
        connect.once('connect', (res, socket) => {
          if (res.statusCode !== 200) {
            socket.destroy();
            callback(Object.assign(new Error(`The proxy refused the tunnel (${res.statusCode})`), { code: 'EPROXY' }));
            return;
          }
          callback(null, tls.connect({ ...options, socket }));
        });
        connect.once('error', (error) => callback(error));
        connect.end();
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error('proxy lookup failed')),
    );
    return undefined;
  }
}
