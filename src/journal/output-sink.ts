// The journal stream's exit: tsd's stdout (what `docker logs` shows). Writes happen off the
// event loop (fs.write runs in libuv's thread pool), so a slow reader never blocks PID 1;
// text queued while a write is in flight is sent in one batch by the next write. When the
// queue passes HIGH_WATER the sink asks its sources to pause: services then block on their
// full pipes, so tsd's memory stays bounded and no line is dropped.
import { write, writeSync } from 'node:fs';

const HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 1 * 1024 * 1024;
const EAGAIN_RETRY_MS = 5;

export type PressureListener = (paused: boolean) => void;

export class OutputSink {
  private queue: string[] = [];
  private queuedChars = 0;
  private inFlight = false;
  private paused = false;
  private broken = false;
  private drainWaiters: Array<() => void> = [];
  private readonly pressureListeners = new Set<PressureListener>();

  constructor(private readonly fd = 1) {}

  onPressure(listener: PressureListener): () => void {
    this.pressureListeners.add(listener);
    return () => this.pressureListeners.delete(listener);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  write(text: string): void {
    if (this.broken) return;
    this.queue.push(text);
    this.queuedChars += text.length;
    if (!this.paused && this.queuedChars > HIGH_WATER) this.setPaused(true);
    if (!this.inFlight) this.startWrite();
  }

  /** Resolves once everything queued so far has been handed to the kernel. */
  drained(): Promise<void> {
    if (!this.inFlight && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Last resort at exit: write what is left synchronously. */
  flushSync(): void {
    if (this.broken || this.queue.length === 0) return;
    const data = Buffer.from(this.queue.join(''));
    this.queue = [];
    this.queuedChars = 0;
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(this.fd, data, off);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        return;
      }
    }
  }

  private startWrite(): void {
    if (this.queue.length === 0) {
      this.finishWriting();
      return;
    }
    this.inFlight = true;
    const data = Buffer.from(this.queue.length === 1 ? this.queue[0]! : this.queue.join(''));
    this.queue = [];
    this.queuedChars = 0;
    if (this.paused) this.setPaused(false);
    this.writeBuffer(data, 0);
  }

  private writeBuffer(data: Buffer, offset: number): void {
    write(this.fd, data, offset, data.length - offset, null, (error, written) => {
      if (error) {
        if (error.code === 'EAGAIN') {
          setTimeout(() => this.writeBuffer(data, offset), EAGAIN_RETRY_MS);
          return;
        }
        // stdout is gone (EPIPE, EBADF): keep running, stop writing. The store still has the records.
        this.broken = true;
        this.queue = [];
        this.queuedChars = 0;
        if (this.paused) this.setPaused(false);
        this.finishWriting();
        return;
      }
      if (offset + written < data.length) this.writeBuffer(data, offset + written);
      else this.startWrite();
    });
  }

  private finishWriting(): void {
    this.inFlight = false;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    // Resume only once the backlog is small again, so sources do not flap at the threshold.
    if (!paused && this.queuedChars > LOW_WATER) return;
    this.paused = paused;
    for (const listener of this.pressureListeners) listener(paused);
  }
}
