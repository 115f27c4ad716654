// Limit*= values (systemd.exec(5), "Process Properties"): "a single value, or two values
// separated by a colon (soft:hard)"; "infinity" means no limit. Sizes take K/M/G suffixes
// (LimitFSIZE=, LimitNOFILE= is a count), LimitCPU= is in seconds, LimitRTTIME= in µs,
// LimitNICE= also accepts a nice level -20..19 written with a sign.

import type { ResourceLimit } from './model.js';
import { parseCUnsigned } from './c-integer.js';
import { parseSize } from './size.js';
import { isInfiniteSpan, parseTimeSpanUsec } from './time-span.js';

export type LimitKind = 'count' | 'size' | 'seconds' | 'microseconds' | 'nice';

/** Which grammar each Limit*= uses, keyed like ExecContext.limits (lowercased, no "Limit"). */
export const LIMIT_KINDS: Record<string, LimitKind> = {
  cpu: 'seconds', fsize: 'size', data: 'size', stack: 'size', core: 'size', rss: 'size',
  nofile: 'count', as: 'size', nproc: 'count', memlock: 'size', locks: 'count',
  sigpending: 'count', msgqueue: 'size', nice: 'nice', rtprio: 'count', rttime: 'microseconds',
};

/** RLIM_INFINITY: a value this large is refused rather than taken as "infinity". */
const RLIM_INFINITY = (1n << 64n) - 1n;

/** A limit as a number of rlim_t units; Infinity for RLIM_INFINITY. */
function finite(n: bigint | number | undefined): number | undefined {
  return n === undefined || BigInt(n) >= RLIM_INFINITY ? undefined : Number(n);
}

/** rlimit_parse_one(): each kind's own grammar, as systemd 252's rlimit-util.c reads it. */
function parseOne(s: string, kind: LimitKind): number | undefined {
  // RLIMIT_NICE has no "infinity": the raw value is bounded by 40.
  if (s === 'infinity') return kind === 'nice' ? undefined : Infinity;
  switch (kind) {
    // safe_atou64(): base 0 ("0x10", "010"), a leading "+" accepted.
    case 'count': return finite(parseCUnsigned(s, RLIM_INFINITY));
    case 'size': return finite(parseSize(s));
    case 'seconds': {
      const usec = parseTimeSpanUsec(s);
      if (usec === undefined) return undefined;
      return isInfiniteSpan(usec) ? Infinity : finite((usec + 999_999n) / 1_000_000n);
    }
    case 'microseconds': {
      const usec = parseTimeSpanUsec(s, 1n);
      if (usec === undefined) return undefined;
      return isInfiniteSpan(usec) ? Infinity : Number(usec);
    }
    case 'nice': {
      // "+5"/"-5" is a nice level (the rlimit is 20 - nice: "+" 0..19, "-" 0..20), a bare
      // number the raw RLIMIT_NICE value 0..40.
      if (s[0] === '+') {
        const level = parseCUnsigned(s.slice(1), 19);
        return level === undefined ? undefined : 20 - level;
      }
      if (s[0] === '-') {
        const level = parseCUnsigned(s.slice(1), 20);
        return level === undefined ? undefined : 20 + level;
      }
      return parseCUnsigned(s, 40);
    }
  }
}

/**
 * "soft:hard" split as extract_first_word(":", EXTRACT_DONT_COALESCE_SEPARATORS) does it: a
 * backslash takes the next character as is, "40:" has an empty hard limit (refused), and one
 * ":" may end the value ("40:50:" is fine, "40:50:60" is not).
 */
function splitSoftHard(value: string): { soft: string; hard?: string } | undefined {
  const words: string[] = [];
  let word = '';
  let i = 0;
  for (; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      word += value[++i];
    } else if (c === ':') {
      words.push(word);
      word = '';
      if (words.length === 2) break;
    } else word += c;
  }
  if (words.length < 2) words.push(word);
  else if (i + 1 < value.length) return undefined;
  return words.length === 1 ? { soft: words[0]! } : { soft: words[0]!, hard: words[1]! };
}

export function parseResourceLimit(value: string, kind: LimitKind): ResourceLimit | undefined {
  const parts = splitSoftHard(value);
  if (!parts) return undefined;
  const soft = parseOne(parts.soft, kind);
  const hard = parts.hard === undefined ? soft : parseOne(parts.hard, kind);
  if (soft === undefined || hard === undefined || soft > hard) return undefined;
  return { soft, hard };
}
