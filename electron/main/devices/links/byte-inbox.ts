/** Bytes a device sent, waiting to be read one at a time by `next`. */
export class ByteInbox {
  private readonly bytes: number[] = [];
  private waiter: ((byte: number | null) => void) | null = null;

  push(chunk: Uint8Array): void {
    for (const byte of chunk) this.bytes.push(byte);
    if (this.bytes.length > 4096) this.bytes.splice(0, this.bytes.length - 4096);
    this.wake();
  }

  /** Ends any wait with null (the link closed). */
  close(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(null);
  }

  clear(): void {
    this.bytes.length = 0;
  }

  next(timeoutMs: number): Promise<number | null> {
    const ready = this.bytes.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      timer.unref?.();
      this.waiter = (byte) => {
        clearTimeout(timer);
        resolve(byte);
      };
    });
  }

  /** The bytes up to and including `end`, or null when no whole frame came in time. */
  async frame(end: number, timeoutMs: number, maxBytes = 256): Promise<Uint8Array | null> {
    const deadline = Date.now() + timeoutMs;
    const out: number[] = [];
    while (out.length < maxBytes) {
      const byte = await this.next(Math.max(0, deadline - Date.now()));
      if (byte === null) return null;
      out.push(byte);
      if (byte === end) return Uint8Array.from(out);
    }
    return null;
  }

  private wake(): void {
    const waiter = this.waiter;
    const byte = this.bytes[0];
    if (!waiter || byte === undefined) return;
    this.waiter = null;
    this.bytes.shift();
    waiter(byte);
  }
}
