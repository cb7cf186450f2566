import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../../../electron/main/api-client/api-errors';
import { createHttpsTransport } from '../../../electron/main/api-client/https-transport';
import { trustedRoots } from '../../../electron/main/api-client/trust-store';
import { loopbackCertificate } from '../../support/update-feed';

// Whom the API client trusts, against real HTTPS servers on 127.0.0.1 whose certificates come from two
// private CAs: "store" (a store's own CA, or its TLS inspection proxy's, which IT installs in the OS
// store) and "other" (nobody's). Electron 45's Node reads the OS store with tls.getCACertificates('system');
// the tests' Node 20 has no such function, so the OS store is handed in.
const work = mkdtempSync(path.join(tmpdir(), 'nopos-trust-'));
const store = loopbackCertificate(path.join(work, 'store'));
const other = loopbackCertificate(path.join(work, 'other'));
const servers: https.Server[] = [];
const urls: Record<'store' | 'other', URL> = {} as Record<'store' | 'other', URL>;

beforeAll(async () => {
  for (const [name, cert] of [
    ['store', store],
    ['other', other],
  ] as const) {
    const server = https.createServer({ ...cert, minVersion: 'TLSv1.3' }, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/v1/ping`);
  }
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(work, { recursive: true, force: true });
});

async function reach(roots: string[] | undefined, url: URL): Promise<number | string> {
  const transport = createHttpsTransport({
    ...(roots ? { ca: roots } : {}),
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 5_000,
    maxResponseBytes: 1024,
  });
  try {
    return (await transport.send('GET', url, {})).status;
  } catch (error) {
    return error instanceof ApiClientError ? error.failure.kind : 'unexpected';
  } finally {
    transport.close();
  }
}

const storePem = store.cert.toString('utf8');
const osStoreWithStoreCa = (which: 'default' | 'system') => (which === 'system' ? [storePem] : [...tls.rootCertificates]);

describe('the API client’s trusted roots', () => {
  it('in Electron: what the OS trusts (a store’s private CA) and Node’s bundled roots, nothing else', async () => {
    const roots = trustedRoots({ osStore: true, getCACertificates: osStoreWithStoreCa });
    expect(roots).toContain(storePem);
    expect(roots).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    expect(await reach(roots, urls.store)).toBe(200);
    expect(await reach(roots, urls.other)).toBe('tls');
    // Node's own roots alone (what the terminal used before) refuse the store's CA.
    expect(await reach(trustedRoots({ osStore: false }), urls.store)).toBe('tls');
  });

  it('in development: exactly the one CA named (the sandbox’s), the OS store not even read', async () => {
    const getCACertificates = vi.fn(osStoreWithStoreCa);
    const otherPem = other.cert.toString('utf8');
    const roots = trustedRoots({ exactCaPem: otherPem, osStore: true, getCACertificates });
    expect(roots).toEqual([otherPem]);
    expect(getCACertificates).not.toHaveBeenCalled();
    expect(await reach(roots, urls.other)).toBe(200);
    expect(await reach(roots, urls.store)).toBe('tls');
  });

  it('on a Node without the OS store reader: Node’s roots, and a warning in the log', () => {
    const log: Record<string, unknown>[] = [];
    expect(trustedRoots({ osStore: true, getCACertificates: undefined, log: (e) => log.push(e) })).toBeUndefined();
    expect(log).toEqual([{ level: 'warning', event: 'tls.system_store_unavailable' }]);
  });
});
