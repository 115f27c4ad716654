// One journal record: what a service printed (one line) or what tsd said about a unit.

export type StreamName = 'stdout' | 'stderr' | 'manager';

export interface JournalRecord {
  /** Wall-clock time of arrival, milliseconds since the epoch. */
  time: number;
  /** The unit the line belongs to ("nginx.service"), or "tsd" for the manager's own messages. */
  unit: string;
  /** SyslogIdentifier= when set (shown instead of the unit name, as journald does). */
  identifier?: string;
  pid: number;
  stream: StreamName;
  /** syslog priority 0 (emerg) .. 7 (debug); 6 (info) unless the line carried a <N> prefix. */
  priority: number;
  message: string;
}

export const PRIORITY = { emerg: 0, alert: 1, crit: 2, err: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;
