// The queryable journal: the most recent records kept in memory, in arrival order, readable
// per unit. Bounded by a number of records, and by the ring arena whose bytes its blocks
// share (ring-arena.ts): a flood of output never grows it.
//
// A service's lines arrive in blocks (one per read from its pipe) already formatted for the
// stream; a block is kept as those bytes and turned into records only when queried, so the
// hot path allocates nothing per line.
import type { JournalRecord } from './record.js';

/** What every line of a block shares (`priority`: that of lines without a "<N>" prefix). */
export type BlockMeta = Omit<JournalRecord, 'message'>;

interface Block {
  meta: BlockMeta;
  /** lines of PREFIX + message + '\n' */
  bytes: Buffer;
  prefixLength: number;
  lines: number;
  /** pairs (line index, priority) for lines with their own priority */
  priorities: number[] | undefined;
  /** lines at the front already dropped to keep the store within its capacity */
  dropped: number;
  /** where `bytes` lie in the ring arena (undefined: a buffer of their own) */
  position: number | undefined;
}

type Entry = { record: JournalRecord } | Block;

export class JournalStore {
  private entries: Entry[] = [];
  private head = 0; // entries before head are gone
  /** entries before this index hold no arena block that forgetBefore has still to look at */
  private arenaCursor = 0;
  private count = 0;

  constructor(readonly capacity = 50_000) {}

  get size(): number {
    return this.count;
  }

  add(record: JournalRecord): void {
    this.entries.push({ record });
    this.count++;
    this.trim();
  }

  addBlock(meta: BlockMeta, bytes: Buffer, prefixLength: number, lines: number, priorities?: number[], position?: number): void {
    this.entries.push({ meta, bytes, prefixLength, lines, priorities, dropped: 0, position });
    this.count += lines;
    this.trim();
  }

  /** The ring arena is about to overwrite every position below `position`: whatever lies
   *  there goes, and with it everything older (the store stays a suffix of the stream). */
  forgetBefore(position: number): void {
    let i = Math.max(this.head, this.arenaCursor);
    let last = -1;
    for (; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if ('record' in entry || entry.position === undefined) continue;
      if (entry.position >= position) break; // arena blocks come in position order
      last = i;
    }
    // Nothing before i is an arena block still to be overwritten: the next call starts there.
    this.arenaCursor = i;
    while (this.head <= last) this.count -= liveLines(this.entries[this.head++]!);
    this.compact();
  }

  /** Records oldest first; only those of `unit` when given. */
  query(unit?: string): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if ('record' in entry) {
        if (unit === undefined || entry.record.unit === unit) out.push(entry.record);
      } else if (unit === undefined || entry.meta.unit === unit) {
        expandBlock(entry, out);
      }
    }
    return out;
  }

  private trim(): void {
    while (this.count > this.capacity) {
      const oldest = this.entries[this.head]!;
      const excess = this.count - this.capacity;
      if ('record' in oldest) {
        this.head++;
        this.count--;
      } else if (oldest.lines - oldest.dropped <= excess) {
        this.head++;
        this.count -= oldest.lines - oldest.dropped;
      } else {
        oldest.dropped += excess;
        this.count -= excess;
      }
    }
    this.compact();
  }

  private compact(): void {
    // Compact once the dead front is as long as the live rest (amortised O(1) per entry).
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.arenaCursor = Math.max(0, this.arenaCursor - this.head);
      this.head = 0;
    }
  }
}

function liveLines(entry: Entry): number {
  return 'record' in entry ? 1 : entry.lines - entry.dropped;
}

function expandBlock(block: Block, out: JournalRecord[]): void {
  const { meta, bytes, prefixLength } = block;
  const own = new Map<number, number>();
  const p = block.priorities ?? [];
  for (let k = 0; k + 1 < p.length; k += 2) own.set(p[k]!, p[k + 1]!);
  let start = 0;
  for (let line = 0; line < block.lines; line++) {
    const end = bytes.indexOf(10, start);
    if (line >= block.dropped) {
      const record: JournalRecord = {
        time: meta.time, unit: meta.unit, pid: meta.pid, stream: meta.stream,
        priority: own.get(line) ?? meta.priority,
        message: bytes.toString('utf8', start + prefixLength, end),
      };
      if (meta.identifier !== undefined) record.identifier = meta.identifier;
      out.push(record);
    }
    start = end + 1;
  }
}
