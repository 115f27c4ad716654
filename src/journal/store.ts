// The queryable journal: the most recent records kept in memory, in arrival order, readable
// per unit. Bounded by a number of records, and by the log pump's ring, where the services'
// lines stay: a flood of output never grows it.
//
// A service's lines arrive in blocks (one per read from its pipe), framed in the ring as the
// stream shows them; the store keeps where a block lies and turns its lines into records
// only when queried, so the hot path allocates nothing per line.
import type { LineFormat } from '../native/core.js';
import type { JournalRecord } from './record.js';

/** The length of "2026-11-22T11:03:09.123Z", the time at the head of every text line. */
export const TIME_LENGTH = 24;

/** What every line of a block shares (`priority`: that of lines without a "<N>" prefix); each
 *  line's time is in its head. */
export type BlockMeta = Omit<JournalRecord, 'message' | 'time'>;

/** Where a block lies in the ring. */
export interface BlockPlace {
  position: number;
  length: number;
  /** text format: the bytes of each line's head before its message (it begins with the time) */
  headLength: number;
  lines: number;
  /** pairs (line index, priority) for lines with their own priority */
  priorities?: number[] | undefined;
}

/** Reads a block's bytes back: a copy, or undefined once the ring has overwritten them. */
export interface BlockSource {
  read(position: number, length: number): Buffer | undefined;
}

interface Block extends BlockPlace {
  meta: BlockMeta;
  /** lines at the front already dropped to keep the store within its capacity */
  dropped: number;
}

type Entry = { record: JournalRecord } | Block;

export class JournalStore {
  private entries: Entry[] = [];
  private head = 0; // entries before head are gone
  /** entries before this index hold no block that forgetBefore has still to look at */
  private blockCursor = 0;
  private count = 0;

  constructor(readonly capacity = 50_000, private readonly blocks?: BlockSource, private readonly format: LineFormat = 'text') {}

  get size(): number {
    return this.count;
  }

  add(record: JournalRecord): void {
    this.entries.push({ record });
    this.count++;
    this.trim();
  }

  addBlock(meta: BlockMeta, place: BlockPlace): void {
    this.entries.push({ ...place, meta, dropped: 0 });
    this.count += place.lines;
    this.trim();
  }

  /** The ring is about to overwrite every position below `position`: whatever lies there goes,
   *  and with it everything older (the store stays a suffix of the stream). */
  forgetBefore(position: number): void {
    let i = Math.max(this.head, this.blockCursor);
    let last = -1;
    for (; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if ('record' in entry) continue;
      if (entry.position >= position) break; // blocks come in position order
      last = i;
    }
    // Nothing before i is a block still to be overwritten: the next call starts there.
    this.blockCursor = i;
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
        const bytes = this.blocks?.read(entry.position, entry.length);
        if (bytes) expandBlock(entry, bytes, this.format, out);
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
      this.blockCursor = Math.max(0, this.blockCursor - this.head);
      this.head = 0;
    }
  }
}

function liveLines(entry: Entry): number {
  return 'record' in entry ? 1 : entry.lines - entry.dropped;
}

/** The block's lines as records: in the text format the head begins with the time
 *  ("2026-11-22T11:03:09.123Z") and the message follows it; a JSON line is the record itself. */
function expandBlock(block: Block, bytes: Buffer, format: LineFormat, out: JournalRecord[]): void {
  const { meta } = block;
  const own = new Map<number, number>();
  const p = block.priorities ?? [];
  for (let k = 0; k + 1 < p.length; k += 2) own.set(p[k]!, p[k + 1]!);
  let start = 0;
  for (let line = 0; line < block.lines; line++) {
    const end = bytes.indexOf(10, start);
    if (line >= block.dropped) {
      let time: number;
      let message: string;
      if (format === 'json') {
        const parsed = JSON.parse(bytes.toString('utf8', start, end)) as { time: unknown; msg: unknown };
        time = Date.parse(String(parsed.time));
        message = String(parsed.msg);
      } else {
        time = Date.parse(bytes.toString('latin1', start, start + TIME_LENGTH));
        message = bytes.toString('utf8', start + block.headLength, end);
      }
      const record: JournalRecord = {
        time, unit: meta.unit, pid: meta.pid, stream: meta.stream, priority: own.get(line) ?? meta.priority, message,
      };
      if (meta.identifier !== undefined) record.identifier = meta.identifier;
      out.push(record);
    }
    start = end + 1;
  }
}
