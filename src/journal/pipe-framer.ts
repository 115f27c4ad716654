// One service pipe's bytes -> blocks of finished stream lines. The native core does the
// per-byte work (native/frame-lines.cc: cut on '\n' and at LINE_MAX, escape, prefix); this
// keeps the unfinished last line between reads and brings output room.
import type { NativeCore } from '../native/core.js';
import type { RingArena } from './ring-arena.js';

/** Lines longer than this are cut into pieces (journald.conf(5) LineMax=, default 48K). */
export const LINE_MAX = 48 * 1024;

export type FrameLines = NativeCore['frameLines'];

/** `lines` lines of `bytes`, each PREFIX + message + '\n'; `priorities` as FrameResult's;
 *  `position`: where the bytes lie in the ring arena (undefined: a block of their own). */
export type BlockHandler = (bytes: Buffer, lines: number, priorities: number[] | undefined, position: number | undefined) => void;

/** Where the native framer writes when the arena has no region to give, shared by every pipe
 *  (framing is synchronous); each block is then copied out at its exact size. */
let scratch: Buffer = Buffer.alloc(0);

export class PipeFramer {
  private partial: Buffer | null = null;

  constructor(private readonly frame: FrameLines, private readonly levelPrefix: boolean,
    private readonly maxLine = LINE_MAX, private readonly arena?: RingArena) {}

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
      const region = this.arena?.reserve(room);
      if (!region && scratch.length < room) scratch = Buffer.allocUnsafe(room);
      const out = region ? region.bytes : scratch;
      const result = this.frame(input, start, prefix, out, this.maxLine, this.levelPrefix, final);
      if (result.lines > 0) {
        if (region) {
          this.arena!.commit(result.written);
          onBlock(out.subarray(0, result.written), result.lines, result.priorities, region.position);
        } else {
          onBlock(copyOut(scratch, result.written), result.lines, result.priorities, undefined);
        }
      }
      if (result.consumed === start) break; // a partial line waits for more input
      start = result.consumed;
    }
    return start;
  }
}

/** The block's own copy of the framed bytes. Not Buffer.from(view): for a large view that
 *  makes a zero-filled allocation and then copies into it, twice the memory traffic. */
function copyOut(source: Buffer, length: number): Buffer {
  const block = Buffer.allocUnsafe(length);
  source.copy(block, 0, 0, length);
  return block;
}
