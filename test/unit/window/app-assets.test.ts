import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appProtocolResponse, isAppUrl, resolveAppUrl, resolveAsset } from '../../../electron/main/window/app-assets';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/window/content-security-policy';

const root = path.resolve('/srv/renderer');

describe('serving the renderer (app:// protocol and browser host)', () => {
  it('serves index.html for the root and files inside the folder with the CSP header', () => {
    expect(resolveAsset('/', root)).toMatchObject({ kind: 'file', filePath: path.join(root, 'index.html') });
    const asset = resolveAsset('/assets/index-abc.js?v=1', root);
    expect(asset).toMatchObject({ kind: 'file', filePath: path.join(root, 'assets/index-abc.js') });
    expect(asset.kind === 'file' && asset.headers).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Content-Type': 'text/javascript; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it.each([
    '/../package.json',
    '/assets/../../etc/passwd.txt',
    '/%2e%2e/%2e%2e/etc/passwd.txt',
    '/..%2f..%2fsecret.json',
    '/assets%5c..%5c..%5csecret.json',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/bin/payload.exe',
    '/main.node',
  ])('refuses %s', (request) => {
    expect(resolveAsset(request, root)).toEqual({ kind: 'not_found' });
  });

  it('serves only our own app host on the app scheme', () => {
    expect(resolveAppUrl('app://nopos/index.html', root)).toMatchObject({ kind: 'file' });
    expect(resolveAppUrl('app://other/index.html', root)).toEqual({ kind: 'not_found' });
    expect(resolveAppUrl('file:///srv/renderer/index.html', root)).toEqual({ kind: 'not_found' });
    expect(resolveAppUrl('not a url', root)).toEqual({ kind: 'not_found' });
  });

  it('recognises app URLs exactly', () => {
    expect(isAppUrl('app://nopos/index.html#/sale')).toBe(true);
    for (const url of ['app://nopos.evil.com/', 'https://nopos/', 'file:///index.html', 'javascript:alert(1)', ''])
      expect(isAppUrl(url)).toBe(false);
  });
});

describe('appProtocolResponse', () => {
  it('answers a real file with its bytes and the security headers, and anything else with 404', async () => {
    const { mkdtemp, writeFile, mkdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(path.join(tmpdir(), 'nopos-assets-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const ok = await appProtocolResponse('app://nopos/assets/app.js', dir);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('console.log(1)');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    for (const url of ['app://nopos/assets/missing.js', 'app://nopos/../../etc/passwd.txt', 'app://evil/assets/app.js']) {
      const missing = await appProtocolResponse(url, dir);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});
