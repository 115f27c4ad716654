// Rows that share a shape: space-separated lists of unit names or words, and conditions.

import { Refusal, valueSchema, type ValueSchema } from './value-schemas.js';
import { splitWords, WordSyntaxError, type ExtractFlags } from '../extract-word.js';
import { isValidUnitName } from '../unit-name.js';
import type { ApplyContext } from './row.js';

/** A value split into words (quotes removed); the issue says why it could not be split. */
export function words(flags: ExtractFlags): ValueSchema<string[]> {
  return valueSchema((value) => {
    try {
      return splitWords(value, flags);
    } catch (e) {
      if (!(e instanceof WordSyntaxError)) throw e;
      return new Refusal(e.message);
    }
  });
}

/** Dependency lists keep backslashes for the name check (EXTRACT_RETAIN_ESCAPE). */
export const unitNames = words({ retainEscape: true });
export const quotedWords = words({ unquote: true });

/** Expands and validates each dependency name: "Failed to add dependency on X, ignoring: Invalid argument". */
export function addUnitNames(list: string[], names: string[], ctx: ApplyContext): void {
  for (const raw of names) {
    let name: string;
    try {
      name = ctx.expand(raw);
    } catch (e) {
      ctx.warn(`Failed to resolve unit specifiers in '${raw}', ignoring: ${(e as Error).message}`);
      continue;
    }
    if (!isValidUnitName(name)) {
      ctx.warn(`Failed to add dependency on ${name}, ignoring: Invalid argument`);
      continue;
    }
    if (!list.includes(name)) list.push(name);
  }
}

/** Expands each word; words whose specifiers fail are reported and dropped. */
export function expandWords(words: string[], ctx: ApplyContext): string[] {
  const out: string[] = [];
  for (const w of words) {
    try {
      out.push(ctx.expand(w));
    } catch (e) {
      ctx.warn(`Failed to resolve specifiers in '${w}', ignoring: ${(e as Error).message}`);
    }
  }
  return out;
}
