// The value grammars of the directive table as zod schemas, built once at module load.
// Each wraps a small tested parse function; the issue message says why a value was refused.

import { z } from 'zod/v3';
import { parseBoolean } from '../boolean.js';
import { parseTimeSpan } from '../time-span.js';
import { signalFromString } from '../signals.js';
import { parseExitStatusSet } from '../exit-status.js';
import { parseMode } from '../mode.js';
import { parseSize } from '../size.js';
import { parseResourceLimit, type LimitKind } from '../resource-limit.js';
import { parseCSigned, parseCUnsigned } from '../c-integer.js';

/** A schema from a parse function returning undefined on failure. */
export function grammar<T>(what: string, parse: (value: string) => T | undefined): z.ZodType<T, z.ZodTypeDef, string> {
  return z.string().transform((value, ctx) => {
    const parsed = parse(value);
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a valid ${what}` });
      return z.NEVER;
    }
    return parsed;
  });
}

export const text = z.string();
export const boolean = grammar('boolean', parseBoolean);
export const timeSpan = grammar('time span', (v) => parseTimeSpan(v));
/** "TimeoutStopSec=0" and friends: 0 means "no timeout" (config_parse_sec_fix_0). */
export const timeSpanZeroInfinity = grammar('time span', (v) => {
  const t = parseTimeSpan(v);
  return t === 0 ? Infinity : t;
});
export const signal = grammar('signal', signalFromString);
/** Never refused as a whole: a bad word is skipped with a warning (config_parse_set_status()). */
export const exitStatusSet = grammar('exit status list', parseExitStatusSet);
export const mode = grammar('file mode (octal)', parseMode);
export const size = grammar('size', parseSize);
/** safe_atou(): strtoul() with base 0 ("010" is 8, "0x10" is 16), at most 2^32-1. */
export const unsigned = grammar('unsigned integer', (v) => parseCUnsigned(v));
/** safe_atoi(): strtol() with base 0, a C int. */
export const integer = grammar('integer', (v) => parseCSigned(v));
export const absolutePath = grammar('absolute path', (v) => (v.startsWith('/') ? v : undefined));

export function oneOf<const T extends readonly string[]>(what: string, values: T): z.ZodType<T[number], z.ZodTypeDef, string> {
  const set = new Set<string>(values);
  return grammar(what, (v) => (set.has(v) ? (v as T[number]) : undefined));
}

/** An int read like safe_atoi(), then checked against its range (Nice=, OOMScoreAdjust=...). */
export function intRange(what: string, min: number, max: number): z.ZodType<number, z.ZodTypeDef, string> {
  return grammar(what, (v) => parseCSigned(v, min, max));
}

const limitSchemas = new Map<LimitKind, z.ZodType<{ soft: number; hard: number }, z.ZodTypeDef, string>>();
export function resourceLimit(kind: LimitKind): z.ZodType<{ soft: number; hard: number }, z.ZodTypeDef, string> {
  let s = limitSchemas.get(kind);
  if (!s) {
    s = grammar('resource limit', (v) => parseResourceLimit(v, kind));
    limitSchemas.set(kind, s);
  }
  return s;
}
