import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { SerialPort } from 'serialport';

/**
 * Two connected virtual serial ports made by `socat` (installed by .ci/run): the terminal's real
 * serial code opens one end, a device simulator the other.
 */
export class VirtualSerialPair {
  private constructor(
    readonly terminalEnd: string,
    readonly deviceEnd: string,
    private readonly socat: ChildProcess,
  ) {}

  static async open(): Promise<VirtualSerialPair> {
    const stem = `/tmp/nopos-tty-${randomBytes(4).toString('hex')}`;
    const [a, b] = [`${stem}-a`, `${stem}-b`];
    const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !(existsSync(a) && existsSync(b)); i++) await new Promise((r) => setTimeout(r, 10));
    if (!existsSync(a) || !existsSync(b)) throw new Error('socat did not make the virtual serial pair');
    return new VirtualSerialPair(a, b, socat);
  }

  /** Pulls the cable: both ends go away. */
  close(): Promise<void> {
    if (this.socat.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.socat.once('exit', () => resolve());
      this.socat.kill('SIGTERM');
    });
  }
}

async function openPort(path: string, baudRate: number, dataBits: 7 | 8 = 8, parity: 'none' | 'even' = 'none'): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, dataBits, parity, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  port.on('error', () => undefined);
  return port;
}

/** One answer the simulated scale gives: a weight in grams, or a state. `silent` answers nothing; `unplug` closes the line. */
export type ScaleAnswer = number | 'unstable' | 'overload' | 'negative' | 'silent' | 'unplug';

/** A Mettler Toledo 8217 scale on the device end: answers `W` with the next scripted answer (the last one repeats). */
export class ToledoScaleSimulator {
  script: ScaleAnswer[] = [0];
  readonly requests: string[] = [];

  private constructor(
    private readonly port: SerialPort,
    private readonly pair: VirtualSerialPair,
  ) {
    port.on('data', (chunk: Buffer) => {
      for (const char of chunk.toString('latin1')) this.answer(char);
    });
  }

  static async start(pair: VirtualSerialPair): Promise<ToledoScaleSimulator> {
    return new ToledoScaleSimulator(await openPort(pair.deviceEnd, 9600, 7, 'even'), pair);
  }

  private answer(request: string): void {
    this.requests.push(request);
    if (request !== 'W') return void this.port.write('\x02?\x00\r');
    const next = this.script.length > 1 ? this.script.shift() : this.script[0];
    if (next === undefined || next === 'silent') return;
    if (next === 'unplug') return void this.pair.close();
    if (typeof next === 'number') return void this.port.write(`\x02${(next / 1000).toFixed(3).padStart(6, '0')}\r`);
    const bits = { unstable: 0x01, overload: 0x02, negative: 0x04 }[next];
    this.port.write(Buffer.from([0x02, 0x3f, 0x40 | bits, 0x0d]));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

/** A CD5220-style 2×20 pole display on the device end: keeps what its two lines show. */
export class PoleDisplaySimulator {
  readonly lines: [string, string] = [' '.repeat(20), ' '.repeat(20)];
  private row = 0;
  private col = 0;
  private pending: number[] = [];
  private changed: (() => void) | null = null;

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      for (const byte of chunk) this.take(byte);
      this.changed?.();
    });
  }

  static async start(path: string): Promise<PoleDisplaySimulator> {
    return new PoleDisplaySimulator(await openPort(path, 9600));
  }

  private put(char: string): void {
    const line = this.lines[this.row] ?? '';
    this.lines[this.row] = line.slice(0, this.col) + char + line.slice(this.col + 1);
    this.col += 1;
    if (this.col >= 20) {
      this.col = 0;
      this.row = (this.row + 1) % 2;
    }
  }

  private take(byte: number): void {
    if (this.pending.length > 0 || byte === 0x1f) {
      // US $ x y: move the cursor to column x, row y (1-based).
      this.pending.push(byte);
      if (this.pending.length === 4) {
        const [, , x = 1, y = 1] = this.pending;
        this.col = Math.min(19, x - 1);
        this.row = Math.min(1, y - 1);
        this.pending = [];
      }
      return;
    }
    if (byte === 0x0c) {
      this.lines[0] = ' '.repeat(20);
      this.lines[1] = ' '.repeat(20);
      this.row = 0;
      this.col = 0;
    } else if (byte === 0x0b) {
      this.row = 0;
      this.col = 0;
    } else if (byte >= 0x20) {
      this.put(String.fromCharCode(byte));
    } else {
      throw new Error(`The pole display got control byte 0x${byte.toString(16)}`);
    }
  }

  /** Resolves once the display shows `text` on one of its lines. */
  async shows(text: string, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.some((l) => l.includes(text))) {
      if (Date.now() > deadline) throw new Error(`The pole display shows ${JSON.stringify(this.lines)}, not ${text}`);
      await new Promise<void>((resolve) => {
        this.changed = resolve;
        setTimeout(resolve, 50);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}
