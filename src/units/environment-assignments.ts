// Environment= values (systemd.exec(5)): "several variable assignments separated by spaces",
// each optionally quoted ("A=1" "B=2 3"), C escapes decoded, specifiers expanded per word.

import { splitWords, WordSyntaxError } from './extract-word.js';
import { isValidEnvName } from './exec-line.js';
import { isValidUtf8, showInvalidUtf8 } from './utf8.js';

export interface EnvironmentParseResult {
  assignments: Array<[string, string]>;
  /** one message per rejected word, in systemd's wording */
  errors: string[];
}

export function parseEnvironmentAssignments(value: string, expand: (w: string) => string = (w) => w): EnvironmentParseResult {
  const assignments: Array<[string, string]> = [];
  const errors: string[] = [];
  let words: string[];
  try {
    words = splitWords(value, { unquote: true, cunescape: true });
  } catch (e) {
    if (e instanceof WordSyntaxError) return { assignments, errors: [`Invalid syntax, ignoring: ${value}`] };
    throw e;
  }
  for (const raw of words) {
    const word = expand(raw);
    const eq = word.indexOf('=');
    const name = eq < 0 ? '' : word.slice(0, eq);
    // env_assignment_is_valid(): a valid name, and the whole assignment valid UTF-8 ("A=\xff" is not).
    if (eq < 0 || !isValidEnvName(name) || !isValidUtf8(word)) {
      errors.push(`Invalid environment assignment, ignoring: ${showInvalidUtf8(word)}`);
      continue;
    }
    assignments.push([name, word.slice(eq + 1)]);
  }
  return { assignments, errors };
}
