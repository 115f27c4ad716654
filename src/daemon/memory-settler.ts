// Returns memory to the kernel after a burst of work, the job V8's memory reducer would do
// on its own timers (tsd's executable turns it off so that an idle tsd never wakes). A burst of log
// output leaves tens of MB of dead buffers that no later allocation would collect while tsd
// sleeps: once enough bytes went through, a one-shot timer waits for a quiet moment and then
// reduces once. No activity, no timer.

export class MemorySettler {
  private bytesSinceReduce = 0;
  private bytesAtArm = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly reduce: () => void,
    private readonly thresholdBytes = 8 * 1024 * 1024,
    private readonly quietMs = 1000,
  ) {}

  /** Something allocated about `bytes` (a block of log output, for one). */
  noteActivity(bytes: number): void {
    this.bytesSinceReduce += bytes;
    if (this.timer === null && this.bytesSinceReduce >= this.thresholdBytes) this.arm();
  }

  /** Shutdown: nothing more to settle. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.bytesAtArm = this.bytesSinceReduce;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Still busy: look again after another quiet period, without reducing mid-burst.
      if (this.bytesSinceReduce !== this.bytesAtArm) {
        this.arm();
        return;
      }
      this.bytesSinceReduce = 0;
      this.reduce();
    }, this.quietMs);
    this.timer.unref();
  }
}
