import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../shared/domain/catalog';
import { ARTIFACTS, signInThroughUi } from '../support/browser';
import { e2eTerminal } from '../support/e2e-terminal';
import { openShiftIfNeeded, scan, sellableProducts } from '../support/register';

// Issue 15, items 1 and 2: on a checkout screen (1024×768 and 1366×768) the total, the payment
// buttons and, after payment, the change are always in view, whatever the number of cart lines,
// and every screen in the header can be reached without labels being cut.

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
];

let page: Page;
let products: Product[];
// A demo terminal, so its banner takes its room too (item 16).
const terminal = e2eTerminal('till-screen', {
  staff: [
    ['Ada Admin', 'admin', '739164'],
    ['Cass', 'cashier', '482913'],
  ],
  viewport: SIZES[1],
  demo: true,
});
beforeAll(() => {
  ({ page } = terminal);
});

/**
 * Whether the element's whole box lies inside the viewport and shows there: its centre and its four
 * corners (5 px in, inside rounded corners) hit the element itself, so nothing covers it and no scrolling box clips it.
 */
async function fullyInView(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return false;
    const points = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 5, r.top + 5],
      [r.right - 5, r.top + 5],
      [r.left + 5, r.bottom - 5],
      [r.right - 5, r.bottom - 5],
    ];
    return points.every(([x, y]) => {
      const hit = document.elementFromPoint(x!, y!);
      return hit !== null && (el === hit || el.contains(hit));
    });
  });
}

/** The largest font size of any visible text on the page other than inside `except`. */
async function largestOtherText(except: Locator): Promise<number> {
  return except.evaluate((skip) => {
    let largest = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || skip.contains(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.bottom < 0 || r.top > window.innerHeight) continue;
      largest = Math.max(largest, parseFloat(getComputedStyle(el).fontSize));
    }
    return largest;
  });
}

async function addLinesUpTo(count: number): Promise<void> {
  const lines = page.locator('.cart-line');
  for (let i = await lines.count(); i < count; i++) {
    // The layout is under test here, not the scanner: a scan a loaded machine delivered too slowly to
    // look like one is sent again (a late first one would only add to the same line).
    for (let attempt = 0; (await lines.count()) < i + 1; attempt++) {
      expect(attempt).toBeLessThan(3);
      await scan(page, products[i]!.barcodes[0]!);
      await lines
        .nth(i)
        .waitFor({ timeout: 3_000 })
        .catch(() => undefined);
    }
  }
}

describe('the register on a checkout screen', () => {
  it('has at least 60 products to sell', async () => {
    await signInThroughUi(page, 'Cass', '482913');
    await openShiftIfNeeded(page, '150.00');
    products = await sellableProducts(page);
    expect(products.length).toBeGreaterThanOrEqual(60);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
  });

  for (const count of [5, 20, 60]) {
    it(`keeps the total and the payment buttons in view with ${count} lines, and the change after payment`, async () => {
      await addLinesUpTo(count);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await expect.poll(() => fullyInView(page.getByTestId('sale-total'))).toBe(true);
        await expect.poll(() => fullyInView(page.getByRole('button', { name: /^Exact / }))).toBe(true);
        await expect.poll(() => fullyInView(page.getByRole('button', { name: /^Take cash/ }))).toBe(true);
        await expect.poll(() => fullyInView(page.getByRole('button', { name: /^Cash/, pressed: true }))).toBe(true);
        await expect.poll(() => fullyInView(page.getByLabel(/^Cash given/))).toBe(true);
        // The newest line is in view: the lines scroll, the totals stay.
        await expect.poll(() => fullyInView(page.locator('.cart-line').last())).toBe(true);
        await page.screenshot({ path: path.join(ARTIFACTS, `till-screen-${count}-lines-${size.width}.png`) });
      }
      // The tax base on screen is the receipt's (item 14): read it now, find it on the receipt below.
      const taxBases = (await page.locator('.totals dt', { hasText: /^Tax .* on / }).allTextContents()).map((t) =>
        t.replace(/\u00a0/g, ' ').replace(/^.* on /, ''),
      );
      expect(taxBases.length).toBeGreaterThan(0);
      // Pay with a note above what is due, so there is change to hand back.
      await page
        .getByRole('button', { name: /^Exact / })
        .locator('xpath=following-sibling::button[1]')
        .click();
      await page.getByRole('heading', { name: 'Sale complete' }).waitFor();
      const receipt = (await page.getByRole('article').textContent())!.replace(/\u00a0/g, ' ');
      for (const base of taxBases) expect(receipt).toContain(` on ${base}`);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const change = page.getByTestId('change-due');
        await expect.poll(() => fullyInView(change)).toBe(true);
        const own = await change.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(own).toBeGreaterThan(await largestOtherText(change));
        await expect.poll(() => fullyInView(page.getByRole('button', { name: /^New sale/ }))).toBe(true);
        await page.screenshot({ path: path.join(ARTIFACTS, `till-screen-${count}-lines-change-${size.width}.png`) });
      }
      await page.getByRole('button', { name: /^New sale/ }).click();
      await expect.poll(() => page.locator('.cart-line').count()).toBe(0);
    });
  }

  it('shows an admin every screen in the header, whole, or in a More menu', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughUi(page, 'Ada Admin', '739164');
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    const labels = ['Register', 'Sales', 'Refund', 'Shift', 'Reports', 'Attention', 'Catalog', 'Home', 'Staff', 'Settings'];
    for (const size of [...SIZES, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(ARTIFACTS, `till-screen-header-${size.width}.png`) });
      const more = page.getByRole('button', { name: /^More/ });
      const inMenu: string[] = [];
      if (await more.isVisible()) {
        expect(await fullyInView(more)).toBe(true);
        await more.click();
        const menu = page.getByRole('menu', { name: 'More screens' });
        await menu.waitFor();
        for (const item of await menu.getByRole('menuitem').all()) {
          expect(await fullyInView(item)).toBe(true);
          inMenu.push((await item.textContent())!.trim());
        }
        await page.screenshot({ path: path.join(ARTIFACTS, `till-screen-header-more-${size.width}.png`) });
        await page.keyboard.press('Escape');
        await expect.poll(() => menu.isVisible()).toBe(false);
      }
      const nav = page.getByRole('navigation', { name: 'Screens' });
      for (const label of labels) {
        if (inMenu.includes(label)) continue;
        const button = nav.getByRole('button', { name: label, exact: true });
        expect(await fullyInView(button), `${label} at ${size.width}`).toBe(true);
        // Whole: the label is not cut by its own box or by a scrolling navigation.
        expect(await button.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      }
      expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
  });

  it('says on a demo terminal, whole at every size, where its data is and how to stop it (item 16)', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const banner = page.getByTestId('demo-banner');
      expect(await fullyInView(banner)).toBe(true);
      expect(await banner.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      expect(await banner.textContent()).toBe(
        `Demo terminal: nothing is kept after it stops. Its data is in ${terminal.dir} until then. To stop it, press Ctrl+C in the terminal window where npm start runs.`,
      );
    }
  });

  it('reaches a screen from the More menu', async () => {
    await page.setViewportSize(SIZES[0]!);
    const more = page.getByRole('button', { name: /^More/ });
    await more.click();
    const last = page.getByRole('menu', { name: 'More screens' }).getByRole('menuitem').last();
    const label = (await last.textContent())!.trim();
    await last.click();
    await expect.poll(() => more.textContent()).toContain(label);
    await expect.poll(() => more.getAttribute('aria-current')).toBe('page');
  });
});
