// The journal: turns every line a service writes into a record, writes it to the stream
// (tsd's stdout) and keeps it in the store for per-unit queries. The hot path does the
// minimum per line: one timestamp and one prefix per chunk read, one string per line,
// one write per batch.
import { Socket } from 'node:net';
import { escapeLine } from './escape-line.js';
import { LineSplitter, stripPriorityPrefix } from './line-splitter.js';
import type { RecordFormatter } from './json-format.js';
import type { OutputSink } from './output-sink.js';
import type { JournalRecord, StreamName } from './record.js';
import type { JournalStore } from './store.js';
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
  /** null: the default text format (with its fast path); else e.g. the pino JSON formatter. */
  formatter: RecordFormatter | null;
  /** How the manager names itself in the stream ("tsd"), and its pid. */
  managerName: string;
  managerPid: number;
}

export class Journal {
  private readonly readers = new Set<Socket>();
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: JournalOptions) {
    options.sink.onPressure((paused) => {
      for (const reader of this.readers) {
        if (paused) reader.pause();
        else reader.resume();
      }
    });
  }

  /** Reads a service's pipe until EOF. Takes ownership of fd. Resolves when the pipe is closed. */
  attach(fd: number, source: PipeSource): Promise<void> {
    const reader = new Socket({ fd, readable: true, writable: false });
    const { sink, store, formatter } = this.options;
    const name = source.identifier ?? source.unit;
    let batch = '';
    let now = 0;
    let prefix = '';
    const splitter = new LineSplitter((bytes, start, end) => {
      let priority = source.priority;
      if (source.levelPrefix) {
        const prefixed = stripPriorityPrefix(bytes, start, end);
        if (prefixed >= 0) {
          priority = prefixed;
          start += 3;
        }
      }
      const message = escapeLine(bytes, start, end);
      const record: JournalRecord = {
        time: now, unit: source.unit, pid: source.pid, stream: source.stream, priority, message,
      };
      if (source.identifier) record.identifier = source.identifier;
      store.add(record);
      batch += formatter ? formatter(record) : prefix + message + '\n';
    });
    const takeBatch = () => {
      if (batch) sink.write(batch);
      batch = '';
    };
    this.readers.add(reader);
    if (sink.isPaused) reader.pause();
    return new Promise((resolve) => {
      reader.on('data', (chunk: Buffer) => {
        now = Date.now();
        if (!formatter) prefix = formatTextPrefix(now, name, source.pid);
        splitter.push(chunk);
        takeBatch();
      });
      const finish = () => {
        if (!this.readers.delete(reader)) return;
        now = Date.now();
        if (!formatter) prefix = formatTextPrefix(now, name, source.pid);
        splitter.end();
        takeBatch();
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
