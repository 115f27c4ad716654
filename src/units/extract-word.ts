// Splitting a value into words the way systemd's extract_first_word() does
// (systemd.syntax(7), "Quoting"): whitespace separates words; with `unquote`, '...' and "..."
// quote (also in the middle of a word: a"b c"d is one word); with `cunescape`, C escapes are
// decoded (inside quotes too); without it a backslash takes the next character literally
// (or, with `retainEscape`, is a character like any other).

import { unescapeOne } from './c-escape.js';
import { settleRawBytes } from './utf8.js';

export interface ExtractFlags {
  unquote?: boolean;
  cunescape?: boolean;
  /** a backslash is kept and escapes nothing (dependency lists: EXTRACT_RETAIN_ESCAPE) */
  retainEscape?: boolean;
  /** tolerate a trailing backslash, unknown escapes and an unterminated quote */
  relax?: boolean;
  /** only tolerate unknown C escapes, keeping them as written (EXTRACT_CUNESCAPE_RELAX) */
  relaxEscapes?: boolean;
}

/** The word could not be split; `badEscape` when only an unknown C escape was in the way. */

export class WordSyntaxError extends Error {
  constructor(message: string, readonly badEscape = false) {
    super(message);
  }
}

const WHITESPACE = ' \t\n\r';

function isSpace(c: string): boolean {
  return WHITESPACE.includes(c);
}

/** The next word of `s` from `pos`, or undefined at the end; throws WordSyntaxError. */
export function extractWord(s: string, pos: number, flags: ExtractFlags): { word: string; next: number } | undefined {
  let i = pos;
  while (i < s.length && isSpace(s[i]!)) i++;
  if (i >= s.length) return undefined;
  let word = '';
  let quote: string | undefined;
  for (; i < s.length; i++) {
    const c = s[i]!;
    // EXTRACT_RETAIN_ESCAPE: the backslash is an ordinary character, so it neither escapes a
    // space nor a quote ("Wants=foo\\ bar.service" is "foo\\" and "bar.service" in systemd 252).
    if (c === '\\' && flags.retainEscape) {
      word += c;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= s.length) {
        if (flags.relax || (flags.cunescape && flags.relaxEscapes)) { word += c; continue; }
        // With C unescaping, systemd retries relaxed and keeps the backslash (an "unknown escape").
        throw new WordSyntaxError('Trailing backslash', flags.cunescape === true);
      }
      if (flags.cunescape) {
        const u = unescapeOne(s, i + 1);
        if (!u) {
          if (flags.relax || flags.relaxEscapes) { word += c; continue; }
          throw new WordSyntaxError(`Invalid escape sequence "\\${s[i + 1]!}"`, true);
        }
        word += u.text;
        i += u.length;
        continue;
      }
      word += s[i + 1]!;
      i++;
      continue;
    }
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else word += c;
      continue;
    }
    if (flags.unquote && (c === '"' || c === "'")) {
      quote = c;
      continue;
    }
    if (isSpace(c)) break;
    word += c;
  }
  if (quote !== undefined && !flags.relax) throw new WordSyntaxError('Unbalanced quoting');
  // Escaped bytes form characters together: "\xc3\xa9" is "é".
  return { word: flags.cunescape ? settleRawBytes(word) : word, next: i };
}

/** All words of `s`; throws WordSyntaxError. */
export function splitWords(s: string, flags: ExtractFlags): string[] {
  const words: string[] = [];
  let pos = 0;
  for (;;) {
    const r = extractWord(s, pos, flags);
    if (!r) return words;
    words.push(r.word);
    pos = r.next;
  }
}
