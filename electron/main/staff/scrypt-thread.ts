import { Worker } from 'node:worker_threads';

export interface ScryptOptions {
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

export type DeriveKey = (input: Buffer, salt: Buffer, keyLength: number, options: ScryptOptions) => Promise<Buffer>;

// Inline so the bundled main process needs no second file. Jobs run one after another.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ id, input, salt, keyLength, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(input, salt, keyLength, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});`;

interface Job {
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Runs scrypt on one dedicated thread instead of libuv's pool. One hash allocates ~28 MiB; glibc keeps
 * that memory in the arena of whichever thread ran it, so through the pool's four threads the process
 * kept four copies (~112 MiB) for good. Here there is only ever one such thread, and it exits once idle.
 * The default cost's block (r = 8, just over 32 MiB) is above glibc's dynamic mmap ceiling, so it is
 * not kept at all (see DEFAULT_PIN_COST).
 */
export class ScryptThread {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly idleMs = 1_000) {}

  derive: DeriveKey = (input, salt, keyLength, options) =>
    new Promise<Buffer>((resolve, reject) => {
      const id = this.nextId++;
      this.jobs.set(id, { resolve, reject });
      const worker = this.ensureWorker();
      worker.ref();
      worker.postMessage({ id, input, salt, keyLength, options });
    });

  private ensureWorker(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => this.settle(message));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', () => this.fail(worker, new Error('The PIN hashing thread stopped.')));
    this.worker = worker;
    return worker;
  }

  private settle({ id, key, error }: { id: number; key?: Uint8Array; error?: string }): void {
    const job = this.jobs.get(id);
    this.jobs.delete(id);
    if (key) job?.resolve(Buffer.from(key.buffer, key.byteOffset, key.byteLength));
    else job?.reject(new Error(error ?? 'scrypt failed'));
    if (this.jobs.size === 0) this.idle();
  }

  private idle(): void {
    const worker = this.worker;
    if (!worker) return;
    // An idle thread must not keep the process alive, nor live on once it has nothing to do.
    worker.unref();
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker && this.jobs.size === 0) {
        this.worker = null;
        void worker.terminate();
      }
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
  }
}

/** One per process: every PIN hash shares the one thread, so the memory it keeps is kept once. */
export const processScryptThread = new ScryptThread();
