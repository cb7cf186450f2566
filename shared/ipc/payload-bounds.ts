/**
 * How deep and how big a payload may be before anything walks it recursively (zod, JSON.stringify,
 * canonical JSON). The walk below is iterative, so a hostile payload nested 100,000 levels deep
 * costs one pass over an explicit stack, never the call stack.
 */
export interface PayloadBounds {
  maxDepth: number;
  /** Values (objects, arrays, primitives) counted across the whole payload. */
  maxNodes: number;
  /** The payload's length as JSON text. */
  maxJsonChars: number;
}

/** Generous for every channel (the deepest today, an approval wrapping a settings patch, is 5 levels). */
export const IPC_PAYLOAD_BOUNDS: PayloadBounds = { maxDepth: 32, maxNodes: 10_000, maxJsonChars: 256 * 1024 };

export type BoundsVerdict = { ok: true; jsonChars: number } | { ok: false; reason: 'too_deep' | 'too_large' | 'not_plain_data' };

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function primitiveChars(value: unknown): number | null {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value).length;
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    default:
      return null;
  }
}

/**
 * Measures `value` as JSON data (plain objects, arrays, strings, numbers, booleans, null; undefined
 * where JSON drops it) and stops at the first bound it passes. Anything else (a Map, a Date, a typed
 * array arriving over Electron's structured clone) is not part of any contract and is refused.
 */
export function checkPayloadBounds(value: unknown, bounds: PayloadBounds = IPC_PAYLOAD_BOUNDS): BoundsVerdict {
  if (value === undefined) return { ok: true, jsonChars: 0 };
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  let chars = 0;
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [current, depth] = entry;
    if (++nodes > bounds.maxNodes) return { ok: false, reason: 'too_large' };
    const primitive = primitiveChars(current);
    if (primitive !== null) {
      chars += primitive;
    } else if (current === undefined) {
      chars += 4; // an array slot: JSON writes null
    } else if (typeof current !== 'object' || current === null) {
      return { ok: false, reason: 'not_plain_data' };
    } else {
      if (depth >= bounds.maxDepth) return { ok: false, reason: 'too_deep' };
      if (Array.isArray(current)) {
        if (nodes + current.length > bounds.maxNodes) return { ok: false, reason: 'too_large' };
        chars += 2 + Math.max(0, current.length - 1);
        for (let i = 0; i < current.length; i++) stack.push([current[i], depth + 1]);
      } else {
        if (!isPlainObject(current)) return { ok: false, reason: 'not_plain_data' };
        let keys = 0;
        chars += 2;
        for (const key in current) {
          if (!Object.hasOwn(current, key)) continue;
          const child = (current as Record<string, unknown>)[key];
          if (child === undefined) continue;
          if (++keys + nodes > bounds.maxNodes) return { ok: false, reason: 'too_large' };
          chars += JSON.stringify(key).length + 1 + (keys > 1 ? 1 : 0);
          stack.push([child, depth + 1]);
        }
      }
    }
    if (chars > bounds.maxJsonChars) return { ok: false, reason: 'too_large' };
  }
  return { ok: true, jsonChars: chars };
}
