// One service pipe's bytes -> blocks of finished stream lines. The native core does the
// per-byte work (native/frame-lines.cc: cut on '\n' and at LINE_MAX, escape, prefix); this
// keeps the unfinished last line between reads and brings output room.
import type { NativeCore } from '../native/core.js';

/** Lines longer than this are cut into pieces (journald.conf(5) LineMax=, default 48K). */
export const LINE_MAX = 48 * 1024;

export type FrameLines = NativeCore['frameLines'];

/** `lines` lines of `bytes`, each PREFIX + message + '\n'; `priorities` as FrameResult's. */
export type BlockHandler = (bytes: Buffer, lines: number, priorities: number[] | undefined) => void;

/** Where the native framer writes, shared by every pipe (framing is synchronous); each block is
 *  then copied out at its exact size, so what the sink and the store hold wastes nothing. */
let scratch: Buffer = Buffer.alloc(0);

export class PipeFramer {
  private partial: Buffer | null = null;

  constructor(private readonly frame: FrameLines, private readonly levelPrefix: boolean,
    private readonly maxLine = LINE_MAX) {}

  /** Frames every complete line of what was read so far. */
  push(chunk: Buffer, prefix: Buffer, onBlock: BlockHandler): void {
    let input = chunk;
    let start = 0;
    if (this.partial) {
      // Finish the line begun in the last read on its own, rather than copying the whole
      // chunk behind it: that copy, once per read, was most of the journal's garbage.
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        input = Buffer.concat([this.partial, chunk]);
      } else {
        this.run(Buffer.concat([this.partial, chunk.subarray(0, nl + 1)]), 0, prefix, false, onBlock);
        start = nl + 1;
      }
      this.partial = null;
    }
    const consumed = this.run(input, start, prefix, false, onBlock);
    // Copied: `chunk` may be a slice of a larger buffer that should not stay alive for it.
    if (consumed < input.length) this.partial = Buffer.from(input.subarray(consumed));
  }

  /** The pipe ended: a last line without '\n' is still a line. */
  end(prefix: Buffer, onBlock: BlockHandler): void {
    if (!this.partial) return;
    const rest = this.partial;
    this.partial = null;
    this.run(rest, 0, prefix, true, onBlock);
  }

  private run(input: Buffer, from: number, prefix: Buffer, final: boolean, onBlock: BlockHandler): number {
    let start = from;
    while (start < input.length) {
      const left = input.length - start;
      // Room for plain lines of ~32 bytes with their prefix; escaped or shorter lines take
      // another turn. At least one whole escaped maximal line must always fit.
      const room = Math.max(left + (left >> 5) * (prefix.length + 1) + prefix.length + 1,
        prefix.length + 4 * Math.min(left, this.maxLine) + 1);
      if (scratch.length < room) scratch = Buffer.allocUnsafe(room);
      const result = this.frame(input, start, prefix, scratch, this.maxLine, this.levelPrefix, final);
      if (result.lines > 0) onBlock(Buffer.from(scratch.subarray(0, result.written)), result.lines, result.priorities);
      if (result.consumed === start) break; // a partial line waits for more input
      start = result.consumed;
    }
    return start;
  }
}
