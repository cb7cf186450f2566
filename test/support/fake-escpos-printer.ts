import { createServer, type Server, type Socket } from 'node:net';
import { decodeEscPos, type DecodedPrint } from './escpos-decoder';

/** What the fake printer says when asked DLE EOT; `silent` never answers (a printer without status, or a hung one). */
export type FakePrinterState = 'online' | 'paper_near_end' | 'paper_out' | 'cover_open' | 'offline' | 'silent';

const ANSWERS: Record<Exclude<FakePrinterState, 'silent'>, Record<number, number>> = {
  online: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 },
  paper_near_end: { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e },
  paper_out: { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 },
  cover_open: { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 },
  offline: { 1: 0x1a, 2: 0x52, 3: 0x12, 4: 0x12 },
};

export interface FakePrinterFaults {
  /** Close the connection (an unplugged cable) once this many print bytes arrived. */
  closeAfterBytes?: number;
  /** Turn to this state once this many print bytes arrived (a cover opened mid-receipt). */
  stateAfterBytes?: { bytes: number; state: FakePrinterState };
  /** Accept connections but never read from them (a printer hung with a full buffer). */
  hang?: boolean;
}

/**
 * An ESC/POS printer on 127.0.0.1:<free port>: records the bytes of every connection, answers
 * real-time status requests (DLE EOT n) as its state says, and can fail the ways real ones do.
 */
export class FakeEscPosPrinter {
  state: FakePrinterState = 'online';
  faults: FakePrinterFaults = {};
  /** Bytes received per connection, status requests included (the decoder lists them apart). */
  readonly connections: Buffer[] = [];
  /** When the first byte that is not a status request arrived, per connection (performance.now()). */
  readonly firstPrintByteAt: number[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Bumped by reset: bytes still arriving on an earlier test's connection are not this test's. */
  private generation = 0;
  port = 0;

  private constructor() {
    this.server = createServer((socket) => this.serve(socket));
  }

  static async start(): Promise<FakeEscPosPrinter> {
    const printer = new FakeEscPosPrinter();
    await new Promise<void>((resolve) => printer.server.listen(0, '127.0.0.1', resolve));
    const address = printer.server.address();
    printer.port = typeof address === 'object' && address ? address.port : 0;
    return printer;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const index = this.connections.push(Buffer.alloc(0)) - 1;
    const generation = this.generation;
    if (this.faults.hang) {
      socket.pause();
      return;
    }
    let printBytes = 0;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (generation !== this.generation) return;
      const all = Buffer.concat([pending, chunk]);
      pending = Buffer.alloc(0);
      let i = 0;
      while (i < all.length) {
        if (all[i] === 0x10) {
          if (i + 2 >= all.length) {
            pending = all.subarray(i);
            break;
          }
          if (all[i + 1] === 0x14 && i + 4 < all.length) {
            this.record(index, all.subarray(i, i + 5));
            i += 5;
            continue;
          }
          if (all[i + 1] === 0x04) {
            this.record(index, all.subarray(i, i + 3));
            const answer = this.state === 'silent' ? undefined : ANSWERS[this.state][all[i + 2] as number];
            if (answer !== undefined) socket.write(Buffer.from([answer]));
            i += 3;
            continue;
          }
        }
        if (this.firstPrintByteAt[index] === undefined) this.firstPrintByteAt[index] = performance.now();
        this.record(index, all.subarray(i, i + 1));
        printBytes += 1;
        i += 1;
        const after = this.faults.stateAfterBytes;
        if (after && printBytes === after.bytes) this.state = after.state;
        if (this.faults.closeAfterBytes !== undefined && printBytes >= this.faults.closeAfterBytes) {
          socket.destroy();
          return;
        }
      }
    });
  }

  private record(index: number, bytes: Buffer): void {
    this.connections[index] = Buffer.concat([this.connections[index] ?? Buffer.alloc(0), bytes]);
  }

  /** Everything received, decoded (text, barcodes, cuts, drawer pulses). */
  decoded(): DecodedPrint {
    return decodeEscPos(Buffer.concat(this.connections));
  }

  /** Only the connections that carried more than status requests, each decoded. */
  jobs(): DecodedPrint[] {
    return this.connections
      .map((bytes) => decodeEscPos(bytes))
      .filter((d) => d.lines.length > 0 || d.cuts > 0 || d.pulses.length > 0 || d.barcodes.length > 0);
  }

  reset(): void {
    this.generation += 1;
    this.connections.length = 0;
    this.firstPrintByteAt.length = 0;
    this.state = 'online';
    this.faults = {};
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
