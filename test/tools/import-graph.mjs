#!/usr/bin/env node
// Counts the imports inside electron/main/ that run up or across the layers (see main-layers.mjs).
// `node test/tools/import-graph.mjs [--json] [--root <dir>]` prints the count and each import (of
// electron/main/ here, or of another checkout's electron/main/ given as --root).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importTarget, upwardReason } from '../../scripts/main-layers.mjs';

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : path.resolve(import.meta.dirname, '../../electron/main');

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gm;

/** Every relative import of one file: where it points (relative to electron/main/) and whether it is types only. */
export function importsOf(file, text = readFileSync(file, 'utf8')) {
  const found = [];
  for (const match of text.matchAll(IMPORT)) {
    const source = match[4];
    const target = importTarget(root, file, source);
    if (target === null) continue;
    const names = match[3] ?? '';
    const typeOnly =
      Boolean(match[2]) ||
      (/^\{[^}]*\}$/.test(names.trim()) &&
        names
          .replace(/[{}]/g, '')
          .split(',')
          .filter((n) => n.trim())
          .every((n) => /^\s*type\s/.test(n)));
    found.push({ target, typeOnly });
  }
  return found;
}

export function upwardImports() {
  const list = [];
  for (const file of sourceFiles(root)) {
    const from = path.relative(root, file);
    for (const { target, typeOnly } of importsOf(file)) {
      const reason = upwardReason(from, target, typeOnly);
      if (reason) list.push({ from, to: target, reason });
    }
  }
  return list;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const list = upwardImports();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ upward: list.length, imports: list }, null, 2)}\n`);
  else {
    for (const i of list) process.stdout.write(`${i.from} -> ${i.to}  (${i.reason})\n`);
    process.stdout.write(`upward imports inside electron/main/: ${list.length}\n`);
  }
}
