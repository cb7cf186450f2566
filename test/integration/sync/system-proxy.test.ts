import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientError } from '../../../electron/main/api-client/api-errors';
import { createHttpsTransport } from '../../../electron/main/api-client/https-transport';
import { httpProxyOf } from '../../../electron/main/api-client/proxy-agent';
import { loopbackCertificate } from '../../support/update-feed';

// The API client through the proxy the OS names (Electron's session.resolveProxy answers in PAC form):
// a real HTTP CONNECT proxy and a real TLS 1.3 server on 127.0.0.1. TLS runs end to end through the
// tunnel, so the server's certificate is still checked against the terminal's roots.
const work = mkdtempSync(path.join(tmpdir(), 'nopos-proxy-'));
const cert = loopbackCertificate(path.join(work, 'api'));
let api: https.Server;
let proxy: http.Server;
let apiUrl: URL;
let proxyPort = 0;
const tunnels: string[] = [];
let refuse = false;

beforeAll(async () => {
  api = https.createServer({ ...cert, minVersion: 'TLSv1.3' }, (_req, res) => res.writeHead(200).end('{}'));
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = new URL(`https://127.0.0.1:${(api.address() as AddressInfo).port}/v1/ping`);
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    tunnels.push(req.url ?? '');
    if (refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all([api, proxy].map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(work, { recursive: true, force: true });
});

async function send(pac: string): Promise<number | string> {
  const asked: string[] = [];
  const transport = createHttpsTransport({
    ca: cert.cert.toString('utf8'),
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 5_000,
    maxResponseBytes: 1024,
    resolveProxy: (url) => (asked.push(url), Promise.resolve(pac)),
  });
  try {
    const reply = await transport.send('GET', apiUrl, {});
    expect(asked).toEqual([`https://${apiUrl.host}/`]);
    return reply.status;
  } catch (error) {
    return error instanceof ApiClientError ? `${error.failure.kind}` : 'unexpected';
  } finally {
    transport.close();
  }
}

describe('the OS proxy', () => {
  it('tunnels to NoPOS through the proxy the OS names, TLS end to end', async () => {
    tunnels.length = 0;
    expect(await send(`PROXY 127.0.0.1:${proxyPort}; DIRECT`)).toBe(200);
    expect(tunnels).toEqual([apiUrl.host]);
  });

  it('goes direct when the OS says DIRECT', async () => {
    tunnels.length = 0;
    expect(await send('DIRECT')).toBe(200);
    expect(tunnels).toEqual([]);
  });

  it('a proxy that refuses the tunnel is a network failure (sync retries), never a silent direct fallback', async () => {
    refuse = true;
    try {
      expect(await send(`PROXY 127.0.0.1:${proxyPort}`)).toBe('network');
    } finally {
      refuse = false;
    }
  });

  it('reads the PAC answer Electron gives', () => {
    expect(httpProxyOf('DIRECT')).toBeNull();
    expect(httpProxyOf('PROXY proxy.store.lan:3128; DIRECT')).toEqual({ host: 'proxy.store.lan', port: 3128 });
    expect(httpProxyOf('SOCKS5 socks.lan:1080; PROXY [fd00::1]:8080')).toEqual({ host: 'fd00::1', port: 8080 });
    expect(httpProxyOf('DIRECT; PROXY late:1')).toBeNull();
  });
});
