// The journal: turns every line a service writes into a record, writes it to the stream
// (tsd's stdout) and keeps it in the store for per-unit queries. In the default text format
// the hot path is one native call per read (PipeFramer: cut, escape, prefix), one buffer to
// the sink and one block to the store: nothing per line in JavaScript.
import { createRequire } from 'node:module';
import type { OnReadOpts, Socket, SocketConstructorOpts } from 'node:net';
import type { RecordFormatter } from './json-format.js';
import type { OutputSink } from './output-sink.js';
import { type FrameLines, LINE_MAX, PipeFramer } from './pipe-framer.js';
import { RingArena } from './ring-arena.js';
import type { JournalRecord, StreamName } from './record.js';
import type { BlockMeta, JournalStore } from './store.js';
import { formatText, formatTextPrefix } from './text-format.js';

export interface PipeSource {
  unit: string;
  /** SyslogIdentifier=, shown instead of the unit name. */
  identifier?: string;
  pid: number;
  stream: Exclude<StreamName, 'manager'>;
  /** SyslogLevelPrefix=: honour a leading <N>. */
  levelPrefix: boolean;
  /** SyslogLevel=: the priority of lines without a prefix. */
  priority: number;
}

export interface JournalOptions {
  sink: OutputSink;
  store: JournalStore;
  /** null: the default text format; else e.g. the pino JSON formatter. */
  formatter: RecordFormatter | null;
  /** The native core's line framer (native/frame-lines.cc). */
  frameLines: FrameLines;
  /** Lines longer than this are split (journald's LineMax=). */
  maxLine?: number;
  /** The ring arena's size (ring-arena.ts); the store keeps at most that much service output. */
  arenaBytes?: number;
  /** Told the size of every block of service output (MemorySettler). */
  onOutput?: (bytes: number) => void;
  /** How the manager names itself in the stream ("tsd"), and its pid. */
  managerName: string;
  managerPid: number;
}

const NO_PREFIX = Buffer.alloc(0);

/** 8 MiB: what the store keeps of service output (at 100 bytes a line, about its 50,000
 *  records), and well above what the sink holds before it pauses the pipes (output-sink.ts). */
const ARENA_BYTES = 8 * 1024 * 1024;

/** What one read of a service pipe may bring: a full pipe (64 KiB by default) and more. */
const READ_BUFFER_SIZE = 256 * 1024;
const readBuffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);

function viewOf(buffer: Uint8Array, length: number): Buffer {
  return Buffer.from(buffer.buffer, buffer.byteOffset, length);
}

// node:net takes a few ms to load, and nothing needs it before the first service has been
// spawned: it is loaded then, while that service starts, not on the way to it.
let net: typeof import('node:net') | undefined;
function netModule(): typeof import('node:net') {
  return (net ??= createRequire(import.meta.url)('node:net') as typeof import('node:net'));
}

export class Journal {
  private readonly readers = new Set<Socket>();
  private idleWaiters: Array<() => void> = [];
  /** Where every pipe's lines are framed: the stream and the store share those bytes. */
  private readonly arena: RingArena;

  constructor(private readonly options: JournalOptions) {
    this.arena = new RingArena(options.arenaBytes ?? ARENA_BYTES, () => options.sink.heldBytes,
      (position) => options.store.forgetBefore(position));
    options.sink.onPressure((paused) => {
      for (const reader of this.readers) {
        if (paused) reader.pause();
        else reader.resume();
      }
    });
  }

  /** Reads a service's pipe until EOF. Takes ownership of fd. Resolves when the pipe is closed. */
  attach(fd: number, source: PipeSource): Promise<void> {
    const framer = new PipeFramer(this.options.frameLines, source.levelPrefix, this.options.maxLine ?? LINE_MAX, this.arena);
    const meta: BlockMeta = { time: 0, unit: source.unit, pid: source.pid, stream: source.stream, priority: source.priority };
    if (source.identifier !== undefined) meta.identifier = source.identifier;
    const frameRead = (chunk: Buffer | null) => {
      meta.time = Date.now();
      const prefix = this.options.formatter ? NO_PREFIX
        : Buffer.from(formatTextPrefix(meta.time, source.identifier ?? source.unit, source.pid));
      const onBlock = (bytes: Buffer, lines: number, priorities: number[] | undefined, position: number | undefined) =>
        this.takeBlock({ ...meta }, bytes, prefix.length, lines, priorities, position);
      if (chunk) framer.push(chunk, prefix, onBlock);
      else framer.end(prefix, onBlock);
    };
    // Every pipe is read into one shared buffer (onread: no allocation, no stream machinery
    // per read): each read is framed, and its unfinished last line copied, before the next.
    // (Node's Socket constructor takes `onread`; @types/node lists it for connect() only.)
    const onread: OnReadOpts = {
      buffer: readBuffer,
      callback: (length, buffer) => {
        frameRead(viewOf(buffer, length));
        return true; // backpressure pauses every reader through onPressure
      },
    };
    const options: SocketConstructorOpts & { onread: OnReadOpts } = { fd, readable: true, writable: false, onread };
    const reader = new (netModule().Socket)(options);
    this.readers.add(reader);
    if (this.options.sink.isPaused) reader.pause();
    return new Promise((resolve) => {
      const finish = () => {
        if (!this.readers.delete(reader)) return;
        frameRead(null);
        resolve();
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      };
      reader.on('end', finish);
      reader.on('close', finish);
      // A read error on a service pipe ends that pipe, nothing else.
      reader.on('error', finish);
    });
  }

  private takeBlock(meta: BlockMeta, bytes: Buffer, prefixLength: number, lines: number, priorities: number[] | undefined,
    position: number | undefined): void {
    const { sink, store, formatter } = this.options;
    this.options.onOutput?.(bytes.length);
    if (!formatter) {
      sink.writeBytes(bytes);
      store.addBlock(meta, bytes, prefixLength, lines, priorities, position);
      return;
    }
    // Another format: the block's lines (framed without a prefix) become records one by one.
    const own = new Map<number, number>();
    for (let k = 0; priorities && k + 1 < priorities.length; k += 2) own.set(priorities[k]!, priorities[k + 1]!);
    let start = 0;
    for (let line = 0; line < lines; line++) {
      const end = bytes.indexOf(10, start);
      const record: JournalRecord = {
        time: meta.time, unit: meta.unit, pid: meta.pid, stream: meta.stream,
        priority: own.get(line) ?? meta.priority, message: bytes.toString('utf8', start, end),
      };
      if (meta.identifier !== undefined) record.identifier = meta.identifier;
      store.add(record);
      sink.write(formatter(record));
      start = end + 1;
    }
  }

  /** A message of the manager about a unit ("Started nginx.service - ..."). */
  log(unit: string, message: string, priority = 6): void {
    const { managerName, managerPid } = this.options;
    const record: JournalRecord = {
      time: Date.now(), unit, identifier: managerName, pid: managerPid, stream: 'manager', priority, message,
    };
    this.options.store.add(record);
    this.options.sink.write(this.options.formatter ? this.options.formatter(record) : formatText(record));
  }

  /** Resolves once every record so far reached the kernel (used before exit). */
  drained(): Promise<void> {
    return this.options.sink.drained();
  }

  /** Resolves once every attached pipe reached EOF and the stream is drained. */
  async idle(): Promise<void> {
    while (this.readers.size > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    await this.options.sink.drained();
  }

  get openPipes(): number {
    return this.readers.size;
  }
}
