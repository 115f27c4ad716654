// The journal stream's exit: tsd's stdout (what `docker logs` shows). Writes happen off the
// event loop (fs.writev runs in libuv's thread pool), so a slow reader never blocks PID 1;
// what is queued while a write is in flight goes out in one writev after it. When the queue
// passes HIGH_WATER the sink asks its sources to pause: services then block on their full
// pipes, so tsd's memory stays bounded and no line is dropped.
import { writev, writeSync } from 'node:fs';

const HIGH_WATER = 2 * 1024 * 1024;
const LOW_WATER = 512 * 1024;
/** Only when stdout was handed to tsd non-blocking (O_NONBLOCK set by whoever opened it). */
const EAGAIN_RETRY_MS = 5;
/** IOV_MAX is 1024 on Linux. */
const MAX_BUFFERS_PER_WRITE = 1024;

export type PressureListener = (paused: boolean) => void;

export class OutputSink {
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private inFlightBytes = 0;
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

  /** Bytes handed to the sink and not yet to the kernel: queued, or in the write under way. */
  get heldBytes(): number {
    return this.queuedBytes + this.inFlightBytes;
  }

  write(text: string): void {
    this.writeBytes(Buffer.from(text));
  }

  writeBytes(bytes: Buffer): void {
    if (this.broken || bytes.length === 0) return;
    this.queue.push(bytes);
    this.queuedBytes += bytes.length;
    if (!this.paused && this.queuedBytes > HIGH_WATER) this.setPaused(true);
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
    const data = Buffer.concat(this.queue);
    this.queue = [];
    this.queuedBytes = 0;
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
    const batch = this.queue.length <= MAX_BUFFERS_PER_WRITE ? this.queue : this.queue.slice(0, MAX_BUFFERS_PER_WRITE);
    this.queue = this.queue.length <= MAX_BUFFERS_PER_WRITE ? [] : this.queue.slice(MAX_BUFFERS_PER_WRITE);
    let bytes = 0;
    for (const b of batch) bytes += b.length;
    this.queuedBytes -= bytes;
    this.inFlightBytes = bytes;
    if (this.paused) this.setPaused(false);
    this.writeBatch(batch);
  }

  private writeBatch(batch: Buffer[]): void {
    writev(this.fd, batch, (error, written) => {
      if (error) {
        if (error.code === 'EAGAIN') {
          setTimeout(() => this.writeBatch(batch), EAGAIN_RETRY_MS);
          return;
        }
        // stdout is gone (EPIPE, EBADF): keep running, stop writing. The store still has the records.
        this.broken = true;
        this.queue = [];
        this.queuedBytes = 0;
        this.inFlightBytes = 0;
        if (this.paused) this.setPaused(false);
        this.finishWriting();
        return;
      }
      this.inFlightBytes -= written;
      const rest = remainderAfter(batch, written);
      if (rest.length > 0) this.writeBatch(rest);
      else this.startWrite();
    });
  }

  private finishWriting(): void {
    this.inFlight = false;
    this.inFlightBytes = 0;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    // Resume only once the backlog is small again, so sources do not flap at the threshold.
    if (!paused && this.queuedBytes > LOW_WATER) return;
    this.paused = paused;
    for (const listener of this.pressureListeners) listener(paused);
  }
}

/** What of `batch` is left after the first `written` bytes went out (a short write). */
export function remainderAfter(batch: Buffer[], written: number): Buffer[] {
  let skip = written;
  let i = 0;
  while (i < batch.length && skip >= batch[i]!.length) skip -= batch[i++]!.length;
  if (i === batch.length) return [];
  return [batch[i]!.subarray(skip), ...batch.slice(i + 1)];
}
