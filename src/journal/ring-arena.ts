// The memory every service's framed lines are written into: one ring of bytes, reused. A flood
// of output then allocates nothing: no fresh buffer per read that the kernel must fault in and
// the garbage collector must find later (that was most of the time and the peak memory of a
// flood). A block's bytes stay valid until the ring comes round to them again: the store is
// told to forget what is about to be overwritten, and the sink (which writes the most recent
// bytes) must hold less than the ring minus the region being written, or the framer is
// refused a region and copies the block out instead.
//
// Positions are virtual: they grow forever (a skipped tail at the end of the ring counts), so
// "written before" is a comparison of numbers.

export interface ArenaRegion {
  /** where to write (at least the room asked for) */
  bytes: Buffer;
  /** the virtual position of bytes[0] */
  position: number;
}

export class RingArena {
  private ring: Buffer | undefined;
  private head = 0;
  /** the virtual position of ring[0] in the current turn */
  private base = 0;

  /**
   * @param held the bytes the output sink still holds (queued and being written)
   * @param forgetBefore called before bytes at virtual positions below its argument are overwritten
   */
  constructor(
    readonly size: number,
    private readonly held: () => number,
    private readonly forgetBefore: (position: number) => void,
  ) {}

  /** A region of `room` bytes, or undefined when reusing the ring now could overwrite bytes the
   *  sink has yet to write (then the caller copies the block out of its own scratch). */
  reserve(room: number): ArenaRegion | undefined {
    // The sink's bytes lie within held + one skipped tail (< room) before the head; the region
    // overwrites what was written `size - room` bytes before it.
    if (4 * room > this.size || this.held() + 2 * room > this.size) return undefined;
    this.ring ??= Buffer.allocUnsafe(this.size);
    if (this.head + room > this.size) {
      this.base += this.size;
      this.head = 0;
    }
    const position = this.base + this.head;
    this.forgetBefore(position + room - this.size);
    return { bytes: this.ring.subarray(this.head, this.head + room), position };
  }

  /** `written` bytes of the last region are in use now. */
  commit(written: number): void {
    this.head += written;
  }
}
