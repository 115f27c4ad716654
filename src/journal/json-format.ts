// `--log-format json`: one JSON object per line, serialised by pino. Loaded only when asked
// for, so the default text stream does not pay pino's start-up cost.
import { createRequire } from 'node:module';
import type { JournalRecord } from './record.js';
import { isoTimestamp } from './text-format.js';

export type RecordFormatter = (record: JournalRecord) => string;

// syslog priority -> pino level (fatal 60, error 50, warn 40, info 30, debug 20)
const PINO_LEVEL = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'] as const;

export async function createJsonFormatter(): Promise<RecordFormatter> {
  // require, not import(): pino is CommonJS, and tsd's bundle runs in a vm.Script, which has
  // no loader for import() (scripts/launcher.cjs).
  const pino = createRequire(import.meta.url)('pino') as typeof import('pino').default;
  let line = '';
  const capture = { write(chunk: string) { line = chunk; } };
  const logger = pino({ base: null, timestamp: false, level: 'trace' }, capture);
  return (record) => {
    logger[PINO_LEVEL[record.priority] ?? 'info'](
      {
        time: isoTimestamp(record.time),
        unit: record.unit,
        ...(record.identifier ? { identifier: record.identifier } : {}),
        pid: record.pid,
        stream: record.stream,
        priority: record.priority,
      },
      record.message,
    );
    return line;
  };
}
