// The journal: every line a service writes becomes a record in the stream (tsd's stdout) and
// in the store, queried per unit. The per-byte work happens off the event loop, in the native
// log pump (native/log-pump.cc): it reads the pipes, frames the lines into its ring and writes
// them out, and tells this class what it framed. tsd's own messages go through the pump too,
// so the stream keeps one order.
import type { LineFormat, NativeCore, PumpEvent } from '../native/core.js';
import type { RecordFormatter } from './json-format.js';
import type { JournalRecord, StreamName } from './record.js';
import { JournalStore, TIME_LENGTH } from './store.js';
import { formatText } from './text-format.js';
import { UNIT_NAME_MAX } from '../units/unit-name.js';
import { queueTask } from '../lib/microtask.js';

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

/** The part of the native core the journal uses. */
export type LogPump = Pick<NativeCore, 'startLogPump' | 'pumpAttach' | 'pumpWrite' | 'pumpFlush' | 'pumpRequestDrain' | 'pumpTakeEvents' | 'pumpRing' | 'pumpForgetBefore'>;

export interface JournalOptions {
  pump: LogPump;
  /** Where the stream goes (tsd's stdout). */
  outFd: number;
  /** null: the default text format; else e.g. the pino JSON formatter (the pump writes the
   *  services' lines in that same shape itself). */
  formatter: RecordFormatter | null;
  /** The store's capacity in records (its blocks also live only as long as the pump's ring keeps them). */
  capacity?: number;
  /** Lines longer than this are split (journald's LineMax=). */
  maxLine?: number;
  /** The pump's ring: the store keeps at most that much service output. */
  ringBytes?: number;
  /** How the manager names itself in the stream ("tsd"), and its pid. */
  managerName: string;
  managerPid: number;
}

/** Lines longer than this are cut into pieces (journald.conf(5) LineMax=, default 48K). */
export const LINE_MAX = 48 * 1024;

/** 8 MiB: what the store keeps of service output (at 100 bytes a line, about its 50,000 records). */
const RING_BYTES = 8 * 1024 * 1024;

interface AttachedPipe {
  source: PipeSource;
  headLength: number;
  closed: () => void;
}

export class Journal {
  private readonly store: JournalStore;
  private readonly pipes = new Map<number, AttachedPipe>();
  private nextId = 0;
  private idleWaiters: Array<() => void> = [];
  /** tsd's own records handed to the pump, and how many of them it reported written. */
  private writes = 0;
  private written = 0;
  private drainWaiters: Array<{ writes: number; resolve: () => void }> = [];
  private flushQueued = false;

  constructor(private readonly options: JournalOptions) {
    const format: LineFormat = options.formatter ? 'json' : 'text';
    const pump = options.pump;
    pump.startLogPump({ outFd: options.outFd, format, ringBytes: options.ringBytes ?? RING_BYTES,
      maxLine: options.maxLine ?? LINE_MAX }, (events) => this.onEvents(events));
    const ring = pump.pumpRing()!;
    this.store = new JournalStore(options.capacity, {
      read: (position, length) => {
        const offset = position % ring.length;
        const copy = Buffer.from(ring.subarray(offset, offset + length));
        // Read first, check after: the pump announces an overwrite before making it.
        return position >= pump.pumpForgetBefore() ? copy : undefined;
      },
    }, format);
  }

  /** Reads a service's pipe until EOF. Takes ownership of fd. Resolves when the pipe is closed. */
  attach(fd: number, source: PipeSource): Promise<void> {
    const id = this.nextId++;
    // The pump takes heads of up to 4 KiB (native/log-pump.cc): a SyslogIdentifier= is cut to
    // systemd's UNIT_NAME_MAX (256), so even fully JSON-escaped it fits.
    if (source.identifier !== undefined && source.identifier.length > UNIT_NAME_MAX) source = { ...source, identifier: source.identifier.slice(0, UNIT_NAME_MAX) };
    const name = source.identifier ?? source.unit;
    const textHead = ` ${name}[${source.pid}]: `;
    const jsonHead = `",${jsonFields(source)},"pid":${source.pid},"stream":"${source.stream}","priority":`;
    return new Promise((resolve) => {
      this.pipes.set(id, { source, headLength: TIME_LENGTH + Buffer.byteLength(textHead), closed: resolve });
      this.options.pump.pumpAttach(fd, id, textHead, jsonHead, source.levelPrefix, source.priority);
    });
  }

  /** A message of the manager about a unit ("Started nginx.service - ..."). */
  log(unit: string, message: string, priority = 6): void {
    const { managerName, managerPid, formatter } = this.options;
    const record: JournalRecord = {
      time: Date.now(), unit, identifier: managerName, pid: managerPid, stream: 'manager', priority, message,
    };
    this.store.add(record);
    this.options.pump.pumpWrite(formatter ? formatter(record) : formatText(record));
    this.writes++;
    // One wake of the pump for all the records of this turn (a shutdown says a dozen at once).
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueTask(() => {
        this.flushQueued = false;
        this.options.pump.pumpFlush();
      });
    }
  }

  /** The records kept, oldest first; only those of `unit` when given. */
  query(unit?: string): JournalRecord[] {
    // Blocks the pump framed but has not told of yet (it tells them lazily) come first.
    this.onEvents(this.options.pump.pumpTakeEvents());
    return this.store.query(unit);
  }

  /** Resolves once every record so far reached the kernel (used before exit). */
  drained(): Promise<void> {
    if (this.written >= this.writes) return Promise.resolve();
    return new Promise((resolve) => {
      this.drainWaiters.push({ writes: this.writes, resolve });
      this.options.pump.pumpRequestDrain();
    });
  }

  /** Resolves once every attached pipe reached EOF and the stream is drained. */
  async idle(): Promise<void> {
    while (this.pipes.size > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    await this.drained();
  }

  get openPipes(): number {
    return this.pipes.size;
  }

  private onEvents(events: PumpEvent[]): void {
    for (const event of events) {
      if (event.kind === 'block') {
        const pipe = this.pipes.get(event.source);
        if (!pipe) continue;
        const { source } = pipe;
        this.store.forgetBefore(event.forgetBefore);
        this.store.addBlock({ unit: source.unit, ...(source.identifier !== undefined ? { identifier: source.identifier } : {}),
          pid: source.pid, stream: source.stream, priority: source.priority },
        { position: event.position, length: event.length, headLength: pipe.headLength, lines: event.lines, priorities: event.priorities });
      } else if (event.kind === 'closed') {
        const pipe = this.pipes.get(event.source);
        if (!pipe) continue;
        this.pipes.delete(event.source);
        pipe.closed();
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      } else {
        this.written = Math.max(this.written, event.written);
        const waiting = this.drainWaiters;
        this.drainWaiters = [];
        for (const waiter of waiting) {
          if (waiter.writes <= this.written) waiter.resolve();
          else this.drainWaiters.push(waiter);
        }
      }
    }
  }
}

/** "unit":"x.service"[,"identifier":"x"], as JSON.stringify (and pino) write them. */
function jsonFields(source: PipeSource): string {
  const unit = `"unit":${JSON.stringify(source.unit)}`;
  return source.identifier !== undefined ? `${unit},"identifier":${JSON.stringify(source.identifier)}` : unit;
}
