import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from './content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'nopos';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type AssetResolution = { kind: 'file'; filePath: string; headers: Record<string, string> } | { kind: 'not_found' };

/**
 * Maps a request path to a file inside the built renderer folder. Anything that would escape the
 * folder (`..`, encoded slashes, absolute paths, NUL) or has an unknown type is simply not found.
 */
export function resolveAsset(urlPath: string, rootDir: string): AssetResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '');
  } catch {
    return { kind: 'not_found' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'not_found' };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (!filePath.startsWith(root + path.sep)) return { kind: 'not_found' };
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()];
  if (!contentType) return { kind: 'not_found' };
  return { kind: 'file', filePath, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType } };
}

/** For the app:// protocol handler: only our own host is served. */
export function resolveAppUrl(url: string, rootDir: string): AssetResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'not_found' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { kind: 'not_found' };
  return resolveAsset(parsed.pathname, rootDir);
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The app:// protocol handler: a file from the renderer folder with security headers, or 404. */
export async function appProtocolResponse(url: string, rootDir: string): Promise<Response> {
  const asset = resolveAppUrl(url, rootDir);
  if (asset.kind === 'file') {
    try {
      return new Response(await readFile(asset.filePath), { headers: asset.headers });
    } catch {
      // Missing or unreadable: the same answer as outside the folder.
    }
  }
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
