import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @electron/fuses finds the fuse wire right after this sentinel in the Electron binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * The fuse wire of an unmodified Electron (fuse order of @electron/fuses' FuseV1Options): RunAsNode on,
 * cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-ASAR off,
 * browser V8 snapshot off, file:// extra privileges on.
 */
export const STOCK_FUSE_WIRE = '10110001';

/**
 * A folder electron-builder accepts as `electronDist`: a stand-in `electron` binary that carries the
 * sentinel and a stock fuse wire (so flipping can be observed), plus the version file.
 */
export function makeStandInElectron(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: not runnable"\nexit 1\n'),
    Buffer.alloc(1024, 0),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, STOCK_FUSE_WIRE.length]),
    Buffer.from(STOCK_FUSE_WIRE, 'ascii'),
    Buffer.alloc(1024, 0),
  ]);
  const file = path.join(dir, 'electron');
  writeFileSync(file, binary);
  chmodSync(file, 0o755);
  writeFileSync(path.join(dir, 'version'), version);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  return dir;
}
