// The value grammars of the directive table as zod schemas, each built the first time it
// parses a value (lazySchema). Each wraps a small tested parse function; the issue message says
// why a value was refused.

import * as z from 'zod/mini';
import { parseBoolean } from '../boolean.js';
import { parseTimeSpan } from '../time-span.js';
import { signalFromString } from '../signals.js';
import { parseExitStatusSet } from '../exit-status.js';
import { parseMode } from '../mode.js';
import { parseSize } from '../size.js';
import { parseResourceLimit, type LimitKind } from '../resource-limit.js';
import { parseCSigned, parseCUnsigned } from '../c-integer.js';

/** A value parsed, or the issues that say why not (what zod's safeParse returns). */
export type ValueParse<T> = { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } };

/** What the directive table asks of a value's zod schema: parse a value or say why not. */
export interface ValueSchema<T> {
  safeParse(value: string): ValueParse<T>;
}

/** A zod schema that takes a unit file's string value to T. */
type ZodValueSchema<T> = z.ZodMiniType<T, string>;

/** What a value's parse function returns to refuse it, saying why. */
export class Refusal {
  constructor(readonly message: string) {}
}

/**
 * A zod schema built the first time it parses. The table's rows hold some 200 value schemas and
 * a unit file uses a handful: building them all as the loader was imported made 217 zod objects
 * (zod binds ~30 methods to each) and cost PID 1 ~2 ms and 0.5 MB of garbage on its way to its
 * first service; booting one unit now builds 5.
 */
export function lazySchema<T>(build: () => ZodValueSchema<T>): ValueSchema<T> {
  let schema: ZodValueSchema<T> | undefined;
  return { safeParse: (value) => (schema ??= build()).safeParse(value) };
}

/**
 * A value's own grammar as a zod schema: a string, then `parse`. zod/mini, not zod's chaining
 * API: the table needs no more, and the bundle PID 1 reads and compiles at every start is
 * 100 KB smaller for it.
 */
export function valueSchema<T>(parse: (value: string) => T | Refusal): ValueSchema<T> {
  return lazySchema(() => z.pipe(z.string(), z.transform((value: string, ctx) => {
    const parsed = parse(value);
    if (parsed instanceof Refusal) {
      ctx.issues.push({ code: 'custom', message: parsed.message, input: value });
      return z.NEVER;
    }
    return parsed;
  })));
}

/** A schema from a parse function returning undefined on failure. */
export function grammar<T>(what: string, parse: (value: string) => T | undefined): ValueSchema<T> {
  return valueSchema((value) => {
    const parsed = parse(value);
    return parsed === undefined ? new Refusal(`not a valid ${what}`) : parsed;
  });
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
