// The value grammars of the directive table as zod schemas, each built the first time it
// parses a value (lazySchema). Each wraps a small tested parse function; the issue message says
// why a value was refused.

import { z } from 'zod/v3';
import { parseBoolean } from '../boolean.js';
import { parseTimeSpan } from '../time-span.js';
import { signalFromString } from '../signals.js';
import { parseExitStatusSet } from '../exit-status.js';
import { parseMode } from '../mode.js';
import { parseSize } from '../size.js';
import { parseResourceLimit, type LimitKind } from '../resource-limit.js';
import { parseCSigned, parseCUnsigned } from '../c-integer.js';

/** What the directive table asks of a value's zod schema: parse a value or say why not. */
export type ValueSchema<T> = Pick<z.ZodType<T, z.ZodTypeDef, string>, 'safeParse'>;

/**
 * A zod schema built the first time it parses. The table's rows hold some 200 value schemas and
 * a unit file uses a handful: building them all as the loader was imported made 217 zod objects
 * (zod binds ~30 methods to each) and cost PID 1 ~2 ms and 0.5 MB of garbage on its way to its
 * first service; booting one unit now builds 5.
 */
export function lazySchema<T>(build: () => z.ZodType<T, z.ZodTypeDef, string>): ValueSchema<T> {
  let schema: z.ZodType<T, z.ZodTypeDef, string> | undefined;
  return { safeParse: (value, params) => (schema ??= build()).safeParse(value, params) };
}

/** A schema from a parse function returning undefined on failure. */
export function grammar<T>(what: string, parse: (value: string) => T | undefined): ValueSchema<T> {
  return lazySchema(() => z.string().transform((value, ctx) => {
    const parsed = parse(value);
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a valid ${what}` });
      return z.NEVER;
    }
    return parsed;
  }));
}

export const text: ValueSchema<string> = lazySchema(() => z.string());
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

export function oneOf<const T extends readonly string[]>(what: string, values: T): ValueSchema<T[number]> {
  const set = new Set<string>(values);
  return grammar(what, (v) => (set.has(v) ? (v as T[number]) : undefined));
}

/** An int read like safe_atoi(), then checked against its range (Nice=, OOMScoreAdjust=...). */
export function intRange(what: string, min: number, max: number): ValueSchema<number> {
  return grammar(what, (v) => parseCSigned(v, min, max));
}

const limitSchemas = new Map<LimitKind, ValueSchema<{ soft: number; hard: number }>>();
export function resourceLimit(kind: LimitKind): ValueSchema<{ soft: number; hard: number }> {
  let s = limitSchemas.get(kind);
  if (!s) {
    s = grammar('resource limit', (v) => parseResourceLimit(v, kind));
    limitSchemas.set(kind, s);
  }
  return s;
}
