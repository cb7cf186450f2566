import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventPublisher } from '../../electron/main/ipc/event-publisher';
import { createIpcRegistry, type IpcLogEntry } from '../../electron/main/ipc/registry';
import { sameOriginSender } from '../../electron/main/ipc/sender';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window/content-security-policy';
import { startBrowserHost, type BrowserHost } from '../../browser-host/server';
import { gateGranting, testContract, testHandlers } from '../support/test-contract';

// The real loopback server with a fixture contract: what a page, another local process and a
// hostile web page can and cannot do.

let host: BrowserHost;
let token: string;
const logs: IpcLogEntry[] = [];
const events = createEventPublisher(testContract);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(pathname, host.origin);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (channel: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(`/__host/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: host.origin, ...headers },
    body: JSON.stringify({ payload }),
  });

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'nopos-host-'));
  await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'export {}');
  await writeFile(path.join(dir, 'bridge.js'), '/* shim */');
  host = await startBrowserHost({
    rendererDir: path.join(dir, 'renderer'),
    bridgeScriptPath: path.join(dir, 'bridge.js'),
    createCore: (origin) => ({
      registry: createIpcRegistry({
        contract: testContract,
        handlers: testHandlers,
        isTrustedSender: sameOriginSender(origin),
        accessGate: gateGranting(),
        now: () => Date.now(),
        log: (entry) => logs.push(entry),
      }),
      attachEvents: events.attach,
    }),
  });
  token = JSON.parse((await redeem(codeOf(host.newAppUrl()))).body).token;
});

const codeOf = (url: string) => new URL(url).hash.split('=')[1]!;
const redeem = (code: string, headers: Record<string, string> = {}) =>
  send('/__host/redeem', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: host.origin, ...headers },
    body: JSON.stringify({ code }),
  });

afterAll(() => host.close());

describe('browser host', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = new URL(host.origin).port;
    // Another loopback address reaches the same interface: refused unless the server bound everything.
    await expect(
      new Promise((resolve, reject) => request(`http://127.0.0.2:${port}/`, resolve).on('error', reject).end()),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('trades a one-time code from the URL fragment for the token, once, from its own origin only', async () => {
    const url = host.newAppUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#nopos-code=[\w-]{32}$/);
    const stolen = codeOf(host.newAppUrl());
    expect((await redeem(stolen, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await redeem(stolen, { host: 'evil.example' })).status).toBe(403);
    expect((await redeem('not-a-code')).status).toBe(403);
    const first = await redeem(codeOf(url));
    expect(JSON.parse(first.body)).toEqual({ token });
    const again = await redeem(codeOf(url));
    expect(again.status).toBe(403);
    expect(again.body).not.toContain(token);
  });

  it('refuses an unauthenticated call before reading its body', async () => {
    const reply = await send('/__host/call/echo.say', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin },
      body: JSON.stringify({ payload: { text: 'x'.repeat(300_000) } }),
    });
    expect([reply.status, JSON.parse(reply.body).error.code]).toEqual([403, 'untrusted_sender']);
  });

  it('serves the page with the bridge shim first and the CSP header', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).toMatch(/<head>\s*<script src="\/__host\/bridge.js"><\/script>/);
    const shim = await send('/__host/bridge.js');
    expect(shim.body).toBe('/* shim */');
    expect(shim.headers['content-type']).toMatch(/javascript/);
    expect((await send('/assets/app.js')).status).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../bridge.js', '/%2e%2e/bridge.js', '/assets/missing.js']) expect((await send(p)).status).toBe(404);
  });

  it('carries a call to the registry and back', async () => {
    const reply = await call('echo.say', { text: 'hello' });
    expect(JSON.parse(reply.body)).toEqual({ ok: true, data: { text: 'hello' } });
  });

  it('carries typed errors from the registry', async () => {
    expect(JSON.parse((await call('echo.say', { text: 7 })).body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(JSON.parse((await call('till.open', { reason: 'x' })).body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(JSON.parse((await call('nope.nope', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it.each([
    ['no token', { authorization: '' }],
    ['a wrong token', { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['another site as origin', { origin: 'https://evil.example' }],
    ['a rebound host name', { host: 'evil.example' }],
  ])('refuses a caller with %s', async (_name, headers) => {
    logs.length = 0;
    const reply = await call('echo.say', { text: 'hi' }, headers);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(logs).toEqual([expect.objectContaining({ kind: 'rejected', code: 'untrusted_sender' })]);
  });

  it('refuses malformed transport requests with typed errors', async () => {
    const base = { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: host.origin };
    const notJson = await send('/__host/call/echo.say', { method: 'POST', headers: base, body: '{oops' });
    expect([notJson.status, JSON.parse(notJson.body).error.code]).toEqual([400, 'invalid_request']);
    const wrongType = await send('/__host/call/echo.say', {
      method: 'POST',
      headers: { ...base, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect([wrongType.status, JSON.parse(wrongType.body).error.code]).toEqual([415, 'invalid_request']);
    const huge = await send('/__host/call/echo.say', {
      method: 'POST',
      headers: base,
      body: JSON.stringify({ payload: { text: 'x'.repeat(300_000) } }),
    });
    expect([huge.status, JSON.parse(huge.body).error.code]).toEqual([413, 'invalid_request']);
    const get = await send('/__host/call/echo.say', { headers: base });
    expect(get.status).toBe(405);
  });

  it('refuses a body nested 100,000 deep as invalid_request before the schema walks it (deep nesting regression)', async () => {
    const base = { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: host.origin };
    const depth = 100_000;
    for (const body of [
      `{"payload":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `{"payload":{"text":"hi","x":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
    ]) {
      const reply = await send('/__host/call/echo.say', { method: 'POST', headers: base, body });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_request', message: expect.stringMatching(/too deeply nested/) },
      });
    }
  });

  it('streams validated events to an authenticated page only', async () => {
    expect((await send('/__host/events', { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);

    const received = await new Promise<string>((resolve, reject) => {
      const req = request(new URL('/__host/events', host.origin), { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes('}\n')) {
            req.destroy();
            resolve(buffer.trim());
          }
        });
        setTimeout(() => events.publish('till', 'changed', { open: true }), 50);
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received)).toEqual({ event: 'till.changed', payload: { open: true } });
  });
});
