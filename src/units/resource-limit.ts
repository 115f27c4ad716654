// Limit*= values (systemd.exec(5), "Process Properties"): "a single value, or two values
// separated by a colon (soft:hard)"; "infinity" means no limit. Sizes take K/M/G suffixes
// (LimitFSIZE=, LimitNOFILE= is a count), LimitCPU= is in seconds, LimitRTTIME= in µs,
// LimitNICE= also accepts a nice level -20..19 written with a sign.

import type { ResourceLimit } from './model.js';
import { parseSize } from './size.js';
import { parseTimeSpan } from './time-span.js';

export type LimitKind = 'count' | 'size' | 'seconds' | 'microseconds' | 'nice';

/** Which grammar each Limit*= uses, keyed like ExecContext.limits (lowercased, no "Limit"). */
export const LIMIT_KINDS: Record<string, LimitKind> = {
  cpu: 'seconds', fsize: 'size', data: 'size', stack: 'size', core: 'size', rss: 'size',
  nofile: 'count', as: 'size', nproc: 'count', memlock: 'size', locks: 'count',
  sigpending: 'count', msgqueue: 'size', nice: 'nice', rtprio: 'count', rttime: 'microseconds',
};

/** strtoull() with base 0, as safe_atou64() reads counts: decimal, 0x hex, 0 octal. */
function parseCount(s: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[0-7]+$/.test(s)) return parseInt(s, 8);
  return /^[0-9]+$/.test(s) ? Number(s) : undefined;
}

function parseOne(v: string, kind: LimitKind): number | undefined {
  let s = v.trim();
  // RLIMIT_NICE has no "infinity": the raw value is bounded by 40.
  if (s === 'infinity') return kind === 'nice' ? undefined : Infinity;
  // Like strtoull(), a leading "+" is accepted (LimitNICE= reads a sign as a nice level instead).
  if (kind !== 'nice' && s.startsWith('+')) s = s.slice(1);
  switch (kind) {
    case 'count': return parseCount(s);
    case 'size': return parseSize(s);
    case 'seconds': {
      const ms = parseTimeSpan(s, 1000);
      return ms === undefined ? undefined : Math.ceil(ms / 1000);
    }
    case 'microseconds': {
      const ms = parseTimeSpan(s, 0.001);
      return ms === undefined ? undefined : Math.round(ms * 1000);
    }
    case 'nice': {
      // "+5"/"-5" is a nice level (converted to the rlimit 20 - nice), a bare number is the raw rlimit.
      if (/^[-+][0-9]+$/.test(s)) {
        const nice = Number(s);
        return nice >= -20 && nice <= 19 ? 20 - nice : undefined;
      }
      // A bare number is the raw RLIMIT_NICE value, 0..40.
      return /^[0-9]+$/.test(s) && Number(s) <= 40 ? Number(s) : undefined;
    }
  }
}

export function parseResourceLimit(value: string, kind: LimitKind): ResourceLimit | undefined {
  const parts = value.split(':');
  if (parts.length > 2) return undefined;
  const soft = parseOne(parts[0]!, kind);
  const hard = parts.length === 2 ? parseOne(parts[1]!, kind) : soft;
  if (soft === undefined || hard === undefined || soft > hard) return undefined;
  return { soft, hard };
}
