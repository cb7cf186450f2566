import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { Product } from '../../shared/domain/catalog';
import { gtinCheckDigit } from '../../shared/domain/gtin';
import type { SaleView } from '../../shared/domain/sale';
import { ROOT } from './browser';

// Helpers for the register's end-to-end tests: everything goes through the page, as staff would.

export interface KeyFields {
  key: string;
  code: string;
  text: string;
  windowsVirtualKeyCode: number;
}

function keyFields(char: string): KeyFields {
  if (char === '\r') return { key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13 };
  if (char === '-') return { key: '-', code: 'Minus', text: '-', windowsVirtualKeyCode: 189 };
  if (/\d/.test(char)) return { key: char, code: `Digit${char}`, text: char, windowsVirtualKeyCode: char.charCodeAt(0) };
  return { key: char, code: `Key${char.toUpperCase()}`, text: char, windowsVirtualKeyCode: char.toUpperCase().charCodeAt(0) };
}

/**
 * Types like a keyboard-wedge scanner: real key events for the code and Enter, all queued at once as
 * a scanner's USB reports are, so the page sees them as fast as it can take them (Playwright's
 * `keyboard.type` waits a round trip per key, which on a busy machine looks like a slow typist).
 * Each key carries the time a scanner would have sent it (SCANNER_KEY_GAP_MS apart, Enter now), as
 * the OS stamps a real scanner's keys: a busy test machine delivers them late, never further apart.
 */
export async function scan(page: Page, code: string): Promise<void> {
  const scanner = await keyboardScanner(page);
  try {
    await scanner.scan(code);
  } finally {
    await scanner.close();
  }
}

/** A wedge scanner's pace: a few milliseconds a key. */
export const SCANNER_KEY_GAP_MS = 4;

/**
 * The scanner of `scan`, kept attached to the page for many scans (the bench's: one session, not one
 * per scan). `stamped: false` leaves each key the time it reached the browser, for the bench, which
 * times a scan from its Enter's arrival.
 */
export async function keyboardScanner(
  page: Page,
  { stamped = true }: { stamped?: boolean } = {},
): Promise<{ scan(code: string): Promise<void>; close(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  return {
    scan: (code) => dispatchKeys(cdp, [...code, '\r'].map(keyFields), stamped ? { gapMs: SCANNER_KEY_GAP_MS } : undefined),
    close: () => cdp.detach(),
  };
}

/**
 * A key down and up for each key, all queued at once (a scanner's burst, a key pressed many times fast).
 * With `gapMs`, the keys are stamped that far apart, the last one now.
 */
export async function dispatchKeys(cdp: CDPSession, keys: KeyFields[], stamp?: { gapMs: number }): Promise<void> {
  const sends: Promise<unknown>[] = [];
  const now = Date.now();
  for (const [i, fields] of keys.entries()) {
    const at = stamp ? { timestamp: (now - (keys.length - 1 - i) * stamp.gapMs) / 1000 } : {};
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...fields, ...at }));
    sends.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: fields.key,
        code: fields.code,
        windowsVirtualKeyCode: fields.windowsVirtualKeyCode,
        ...at,
      }),
    );
  }
  await Promise.all(sends);
}

/** Types like a person: 120 ms between keys. */
export async function typeSlowly(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 120 });
}

/** A valid GTIN-13 that no demo product carries (prefix 29 is for a store's own use). */
export function unknownGtin(): string {
  const body = '290000000001';
  return `${body}${gtinCheckDigit(body)}`;
}

/** Unit products with a barcode from the demo catalog a new terminal loads, as the page sees them. */
export async function sellableProducts(page: Page): Promise<Product[]> {
  return page.evaluate(async () => {
    const info = await window.nopos.catalog.info();
    if (!info.ok) throw new Error(info.error.message);
    const found: Product[] = [];
    for (const group of info.data.groups) {
      const tiles = await window.nopos.catalog.browse({ group, limit: 100 });
      if (tiles.ok) found.push(...tiles.data.filter((p) => p.active && p.soldBy === 'unit' && p.barcodes.length > 0));
    }
    return found;
  });
}

export async function currentSale(page: Page): Promise<SaleView | null> {
  return page.evaluate(async () => {
    const result = await window.nopos.sales.current();
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  });
}

/** Opens a shift from the register's "Open a shift" panel when none is open. */
export async function openShiftIfNeeded(page: Page, float: string): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Open a shift' });
  const search = page.getByLabel('Search products');
  await heading.or(search).first().waitFor();
  if (await heading.isVisible()) {
    await page.getByLabel(/^Counted float/).fill(float);
    await page.getByRole('button', { name: 'Open shift' }).click();
  }
  await search.waitFor();
}

/** Scans each code, pays the exact cash due and waits for the receipt; returns the completed sale's receipt number. */
export async function sellForExactCash(page: Page, codes: string[]): Promise<{ receiptNumber: string; sale: SaleView }> {
  await page.getByLabel('Search products').waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (const [i, code] of codes.entries()) {
    await scan(page, code);
    await page.locator('.cart-line').nth(i).waitFor();
  }
  const sale = (await currentSale(page))!;
  await page.getByRole('button', { name: /^Exact / }).click();
  await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
  const receiptNumber = (await page.getByTestId('receipt-number').textContent())!;
  await page.getByRole('button', { name: /^New sale/ }).click();
  return { receiptNumber, sale };
}

/** Where the browser host's printer put a file the page named: searched under the places a test run writes. */
export function findWrittenFile(fileName: string, roots: string[]): string | null {
  const seen = new Set<string>();
  const walk = (dir: string, depth: number): string | null => {
    if (depth > 6 || seen.has(dir)) return null;
    seen.add(dir);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return null;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry);
      if (entry === fileName) return full;
      try {
        if (statSync(full).isDirectory() && entry !== 'node_modules' && entry !== '.git') {
          const hit = walk(full, depth + 1);
          if (hit) return hit;
        }
      } catch {
        /* vanished while walking */
      }
    }
    return null;
  };
  for (const root of [...roots, path.join(ROOT, 'test-results')]) {
    const hit = walk(root, 0);
    if (hit) return hit;
  }
  return null;
}
