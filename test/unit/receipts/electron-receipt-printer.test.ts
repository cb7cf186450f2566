import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/ipc/errors';
import { printFailureReasons } from '../../support/electron-dts';
import { tempDir } from '../../support/storage';

// The Electron binary cannot run here: the thin printer edge runs against a recording fake of
// `electron`, typed against electron.d.ts and answering with the strings the installed Electron
// documents, proving it uses a hidden, sandboxed, script-free window parented to the terminal's, and
// always closes it.
const fake = vi.hoisted(() => {
  type PrintCallback = (success: boolean, failureReason: string) => void;
  const state = {
    windows: [] as FakeWindow[],
    /** `null`: the dialog stays open, nobody answers. */
    printAnswer: [true, ''] as [boolean, string] | null,
    printOptions: [] as unknown[],
    pdfOptions: [] as unknown[],
    loadFails: false,
    /** What the terminal's window looked like (always on top) while each dialog was up. */
    parentOnTopDuringPrint: [] as boolean[],
    parent: null as FakeWindow | null,
  };
  class FakeWindow implements Pick<Electron.BrowserWindow, 'loadURL' | 'destroy' | 'isDestroyed' | 'isAlwaysOnTop' | 'setAlwaysOnTop'> {
    url: string | null = null;
    destroyed = false;
    onTop = false;
    webContents: Pick<Electron.WebContents, 'print' | 'printToPDF'> = {
      print: (options?: Electron.WebContentsPrintOptions, callback?: PrintCallback) => {
        state.printOptions.push(options);
        state.parentOnTopDuringPrint.push(state.parent?.onTop ?? false);
        const answer = state.printAnswer;
        if (answer) setTimeout(() => callback?.(...answer), 0);
      },
      printToPDF: (options: Electron.PrintToPDFOptions) => {
        state.pdfOptions.push(options);
        return Promise.resolve(Buffer.from('%PDF-1.4 fake'));
      },
    };
    constructor(public options: Electron.BrowserWindowConstructorOptions = {}) {
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.url = url;
      return state.loadFails ? Promise.reject(new Error('ERR_FAILED')) : Promise.resolve();
    }
    destroy() {
      this.destroyed = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
    isAlwaysOnTop() {
      return this.onTop;
    }
    setAlwaysOnTop(flag: boolean) {
      this.onTop = flag;
    }
  }
  return { state, FakeWindow, electron: { BrowserWindow: FakeWindow } };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { createElectronReceiptPrinter, PRINT_CANCELED } = await import('../../../electron/main/devices/electron-receipt-printer');
const { ReceiptsFolder } = await import('../../../electron/main/devices/receipts-folder');

const HTML = '<!doctype html><title>Receipt</title><p>Total € 6,74 &amp; more</p>';
const [INVALID_SETTINGS, CANCELED, FAILED] = printFailureReasons();
let scratch: ReturnType<typeof tempDir>;

beforeEach(() => {
  scratch = tempDir('electron-printer');
  fake.state.windows.length = 0;
  fake.state.printAnswer = [true, ''];
  fake.state.loadFails = false;
  fake.state.parentOnTopDuringPrint.length = 0;
  fake.state.parent = null;
});
afterEach(() => {
  vi.useRealTimers();
  scratch.cleanup();
});

const printer = (parent: InstanceType<typeof fake.FakeWindow> | null = null) =>
  createElectronReceiptPrinter({
    folder: new ReceiptsFolder(path.join(scratch.dir, 'receipts')),
    // The fake stands in for the terminal's BrowserWindow: only the members the printer calls exist.
    parent: () => parent as Electron.BrowserWindow | null,
  });

describe('Electron receipt printer', () => {
  it('knows the failure strings the installed Electron documents for print()', () => {
    expect([INVALID_SETTINGS, CANCELED, FAILED]).toEqual(['Invalid printer settings', 'Print job canceled', 'Print job failed']);
    expect(PRINT_CANCELED).toBe(CANCELED);
  });

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
    fake.state.printAnswer = [false, CANCELED!];
    expect(await printer().print(HTML, 'x.pdf')).toEqual({ outcome: 'cancelled', fileName: null });
    for (const reason of [FAILED!, INVALID_SETTINGS!]) {
      fake.state.printAnswer = [false, reason];
      const failure = await printer()
        .print(HTML, 'x.pdf')
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('unavailable');
    }
    fake.state.loadFails = true;
    await expect(printer().print(HTML, 'x.pdf')).rejects.toThrow();
    expect(fake.state.windows.map((w) => w.destroyed)).toEqual([true, true, true, true, true]);
  });

  it('opens the dialog over the kiosk window: parented to it, which steps off always-on-top until the dialog is answered', async () => {
    const terminal = (fake.state.parent = new fake.FakeWindow());
    terminal.onTop = true;
    expect(await printer(terminal).print(HTML, 'x.pdf')).toEqual({ outcome: 'printed', fileName: null });
    expect(fake.state.windows[1]!.options.parent).toBe(terminal);
    expect(fake.state.parentOnTopDuringPrint).toEqual([false]);
    expect(terminal.onTop).toBe(true);
  });

  it('gives up on a dialog nobody answers with a clear error, closing the window and putting the kiosk window back on top', async () => {
    vi.useFakeTimers();
    const terminal = (fake.state.parent = new fake.FakeWindow());
    terminal.onTop = true;
    fake.state.printAnswer = null;
    const outcome = printer(terminal)
      .print(HTML, 'x.pdf')
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    const failure = await outcome;
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toMatch(/Nobody answered the print dialog/);
    expect(fake.state.windows[1]!.destroyed).toBe(true);
    expect(terminal.onTop).toBe(true);
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
