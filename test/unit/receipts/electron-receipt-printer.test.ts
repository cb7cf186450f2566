import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/ipc/errors';
import { tempDir } from '../../support/storage';

// The Electron binary cannot run here: the thin printer edge runs against a recording fake of
// `electron`, proving it uses a hidden, sandboxed, script-free window and always closes it.
const fake = vi.hoisted(() => {
  const state = {
    windows: [] as { options: unknown; url: string | null; destroyed: boolean }[],
    printAnswer: [true, ''] as [boolean, string],
    printOptions: [] as unknown[],
    pdfOptions: [] as unknown[],
    loadFails: false,
  };
  class BrowserWindow {
    url: string | null = null;
    destroyed = false;
    webContents = {
      print: (options: unknown, callback: (success: boolean, reason: string) => void) => {
        state.printOptions.push(options);
        setTimeout(() => callback(...state.printAnswer), 0);
      },
      printToPDF: (options: unknown) => {
        state.pdfOptions.push(options);
        return Promise.resolve(Buffer.from('%PDF-1.4 fake'));
      },
    };
    constructor(public options: unknown) {
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.url = url;
      return state.loadFails ? Promise.reject(new Error('ERR_FAILED')) : Promise.resolve();
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { state, electron: { BrowserWindow } };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { createElectronReceiptPrinter } = await import('../../../electron/main/devices/electron-receipt-printer');
const { ReceiptsFolder } = await import('../../../electron/main/devices/receipts-folder');

const HTML = '<!doctype html><title>Receipt</title><p>Total € 6,74 &amp; more</p>';
let scratch: ReturnType<typeof tempDir>;

beforeEach(() => {
  scratch = tempDir('electron-printer');
  fake.state.windows.length = 0;
  fake.state.printAnswer = [true, ''];
  fake.state.loadFails = false;
});
afterEach(() => scratch.cleanup());

const printer = () => createElectronReceiptPrinter(new ReceiptsFolder(path.join(scratch.dir, 'receipts')));

describe('Electron receipt printer', () => {
  it('loads the receipt into a hidden, sandboxed window without script or Node', async () => {
    await printer().print(HTML, 'TILL-1-000042.pdf');
    const [window] = fake.state.windows;
    expect(window!.options).toEqual({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
    });
    expect(decodeURIComponent(window!.url!.replace('data:text/html;charset=utf-8,', ''))).toBe(HTML);
  });

  it('prints through the OS dialog and reports printed, cancelled or a typed failure, closing the window each time', async () => {
    expect(await printer().print(HTML, 'x.pdf')).toEqual({ outcome: 'printed', fileName: null });
    expect(fake.state.printOptions.at(-1)).toEqual({ silent: false, printBackground: true });
    fake.state.printAnswer = [false, 'cancelled'];
    expect(await printer().print(HTML, 'x.pdf')).toEqual({ outcome: 'cancelled', fileName: null });
    fake.state.printAnswer = [false, 'failed'];
    const failure = await printer().print(HTML, 'x.pdf').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('unavailable');
    fake.state.loadFails = true;
    await expect(printer().print(HTML, 'x.pdf')).rejects.toThrow();
    expect(fake.state.windows.map((w) => w.destroyed)).toEqual([true, true, true, true]);
  });

  it('renders a PDF at the page CSS size into the receipts folder and answers with the file name only', async () => {
    const first = await printer().savePdf(HTML, 'TILL-1-000042.pdf');
    const second = await printer().savePdf(HTML, 'TILL-1-000042.pdf');
    expect([first, second]).toEqual([
      { outcome: 'saved', fileName: 'TILL-1-000042.pdf' },
      { outcome: 'saved', fileName: 'TILL-1-000042-2.pdf' },
    ]);
    expect(fake.state.pdfOptions.at(-1)).toMatchObject({ preferCSSPageSize: true, printBackground: true });
    expect(readdirSync(path.join(scratch.dir, 'receipts')).sort()).toEqual(['TILL-1-000042-2.pdf', 'TILL-1-000042.pdf']);
    expect(readFileSync(path.join(scratch.dir, 'receipts', 'TILL-1-000042.pdf'), 'utf8')).toBe('%PDF-1.4 fake');
    expect(fake.state.windows.every((w) => w.destroyed)).toBe(true);
  });
});

describe('receipts folder', () => {
  it('refuses anything but a plain PDF name, so nothing is written outside the folder', () => {
    const folder = new ReceiptsFolder(path.join(scratch.dir, 'receipts'));
    for (const name of ['../escape.pdf', 'a/b.pdf', '/etc/x.pdf', '.hidden.pdf', 'receipt.html', 'a\\b.pdf', '']) {
      expect(() => folder.write(name, Buffer.from('x'))).toThrow('Not a plain PDF file name');
    }
    expect(readdirSync(scratch.dir)).toEqual([]);
  });
});
