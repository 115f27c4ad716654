// Cuts a byte stream into lines the way journald does: on '\n'; a line longer than
// LINE_MAX is cut into pieces of LINE_MAX bytes ("Lines longer than LineMax= are split",
// journald.conf(5), default 48K); a partial last line is delivered when the stream ends.

export const LINE_MAX = 48 * 1024;

/** Receives each line as a slice of a buffer (no copy), without its '\n'. */
export type LineHandler = (bytes: Buffer, start: number, end: number) => void;

export class LineSplitter {
  private partial: Buffer | null = null;

  constructor(private readonly onLine: LineHandler, private readonly maxLine = LINE_MAX) {}

  push(chunk: Buffer): void {
    let bytes = chunk;
    if (this.partial) {
      bytes = Buffer.concat([this.partial, chunk]);
      this.partial = null;
    }
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(10, start);
      if (nl < 0) break;
      this.emit(bytes, start, nl);
      start = nl + 1;
    }
    // What is left has no newline yet: emit full LINE_MAX pieces now, keep the rest.
    while (bytes.length - start >= this.maxLine) {
      this.onLine(bytes, start, start + this.maxLine);
      start += this.maxLine;
    }
    if (start < bytes.length) this.partial = Buffer.from(bytes.subarray(start));
  }

  /** The stream ended: a last line without '\n' is still a line. */
  end(): void {
    if (this.partial) {
      const rest = this.partial;
      this.partial = null;
      this.onLine(rest, 0, rest.length);
    }
  }

  private emit(bytes: Buffer, start: number, end: number): void {
    while (end - start > this.maxLine) {
      this.onLine(bytes, start, start + this.maxLine);
      start += this.maxLine;
    }
    this.onLine(bytes, start, end);
  }
}

/** A leading "<N>" (N = 0..7) sets the priority (SyslogLevelPrefix=, on by default). */
export function stripPriorityPrefix(bytes: Buffer, start: number, end: number): number {
  if (end - start >= 3 && bytes[start] === 0x3c && bytes[start + 2] === 0x3e) {
    const digit = bytes[start + 1]! - 0x30;
    if (digit >= 0 && digit <= 7) return digit;
  }
  return -1;
}
