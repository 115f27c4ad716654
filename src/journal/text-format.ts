// The default stream format, one line per record:
//   2026-11-22T11:03:09.123Z nginx.service[42]: message
import type { JournalRecord } from './record.js';

export function formatTextPrefix(time: number, name: string, pid: number): string {
  return `${new Date(time).toISOString()} ${name}[${pid}]: `;
}

export function formatText(record: JournalRecord): string {
  return formatTextPrefix(record.time, record.identifier ?? record.unit, record.pid) + record.message + '\n';
}
