import { statSync } from 'node:fs';
import path from 'node:path';

// The layers of electron/main/, shared by the lint rule (eslint.config.js) and the import-graph
// count (test/tools/import-graph.mjs), so the rule and the measurement never disagree. From the top:
//   top:            the entry (index.ts), core/ (composition: the map of the terminal) and handlers/;
//   areas:          one folder per area, each with its face index.ts; an area uses another only
//                   through that face, or a type (a port);
//   register base:  ledger/, the records every register area shares (sales, refunds, shifts, the
//                   transaction items they queue), imported downward by all of them;
//   infrastructure: what every area stands on (database, keys, logs, settings, audit trail, IPC).
// A layer imports only itself and the layers below it.
export const TOP = ['core', 'handlers'];
export const BASE = ['ledger'];
export const INFRASTRUCTURE = ['errors', 'timers', 'storage', 'secrets', 'logging', 'ipc', 'window', 'api-client', 'audit', 'settings'];

const RANK = { infrastructure: 0, base: 1, area: 2, top: 3 };

/** The layer of a path relative to electron/main/ ('index.ts', 'sales/cart-service.ts', …). */
export function layerOf(relative) {
  const parts = relative.split(/[\\/]/);
  if (parts.length === 1) return { layer: 'top', folder: '' };
  const folder = parts[0];
  if (TOP.includes(folder)) return { layer: 'top', folder };
  if (BASE.includes(folder)) return { layer: 'base', folder };
  if (INFRASTRUCTURE.includes(folder)) return { layer: 'infrastructure', folder };
  return { layer: 'area', folder };
}

/**
 * Why an import from `from` to `to` (both relative to electron/main/) runs up or across the layers,
 * or null when it is allowed. `typeOnly`: the import brings in types alone (a port type).
 */
export function upwardReason(from, to, typeOnly) {
  const a = layerOf(from);
  const b = layerOf(to);
  if (a.layer === 'top' || a.folder === b.folder) return null;
  if (RANK[b.layer] > RANK[a.layer])
    return `${a.layer} ${a.folder} imports ${b.layer === 'top' ? 'the top' : `the ${b.layer}`} (${b.folder || 'index.ts'})`;
  if (a.layer !== 'area' || b.layer !== 'area') return null;
  const face = /^[^\\/]+[\\/]index(\.ts)?$/.test(to);
  if (face || typeOnly) return null;
  return `area ${a.folder} imports ${b.folder}'s internals`;
}

/**
 * An import as `upwardReason` takes it: `to` relative to electron/main/ (`mainDir`), a folder read as
 * its face (folder/index). Null when the import leaves electron/main/ or is not relative.
 */
export function importTarget(mainDir, fromFile, source) {
  if (!source.startsWith('.')) return null;
  const resolved = path.resolve(path.dirname(fromFile), source);
  const isFolder = statSync(resolved, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const to = path.relative(mainDir, isFolder ? path.join(resolved, 'index') : resolved);
  return to.startsWith('..') || path.isAbsolute(to) ? null : to;
}
