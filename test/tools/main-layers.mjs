// The layers of electron/main/, shared by the lint rule (eslint.config.js) and the import-graph
// count (import-graph.mjs), so the rule and the measurement can never disagree.
//   top:            the entry (index.ts), core/ (composition) and handlers/;
//   areas:          one folder per area, each with its face index.ts;
//   infrastructure: what every area stands on; it never imports an area or the top.
export const TOP = ['core', 'handlers'];
export const INFRASTRUCTURE = ['errors', 'storage', 'secrets', 'logging', 'ipc', 'window', 'api-client', 'register-kit'];

/** The layer of a path relative to electron/main/ ('index.ts', 'sales/cart-service.ts', …). */
export function layerOf(relative) {
  const parts = relative.split(/[\\/]/);
  if (parts.length === 1) return { layer: 'top', folder: '' };
  const folder = parts[0];
  if (TOP.includes(folder)) return { layer: 'top', folder };
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
  if (a.layer === 'top') return null;
  if (b.layer === 'top') return `${a.layer} imports the top (${b.folder || 'index.ts'})`;
  if (a.layer === 'infrastructure') return b.layer === 'area' ? `infrastructure imports the area ${b.folder}` : null;
  if (b.layer === 'infrastructure' || a.folder === b.folder) return null;
  const face = /^[^\\/]+[\\/]index(\.ts)?$/.test(to);
  if (face || typeOnly) return null;
  return `area ${a.folder} imports ${b.folder}'s internals`;
}
