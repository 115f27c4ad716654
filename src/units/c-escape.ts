// C-style escapes as systemd's cunescape_one() knows them (systemd.syntax(7), "Quoting"):
// \a \b \f \n \r \t \v \\ \" \' \s (space), \xHH, \NNN (octal), \uHHHH, \UHHHHHHHH.
// \xHH and \NNN are bytes, not code points: "\xe2\x82\xac" is the three bytes of "€", and a
// byte that does not end up in a valid UTF-8 sequence is kept as such (see utf8.ts). The
// caller joins the bytes of a word with settleRawBytes() once the word is complete.

import { rawByte } from './utf8.js';

const SIMPLE: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', '"': '"', "'": "'", s: ' ',
};

export interface Unescaped {
  /** the decoded text; bytes >= 0x80 of \x and \NNN escapes are placeholders (utf8.ts) */
  text: string;
  /** characters consumed after the backslash */
  length: number;
}

/** A code point as UTF-8 bytes, for the surrogates "\uD800" may name (systemd encodes them as is). */
function surrogateBytes(code: number): string {
  return rawByte(0xe0 | (code >> 12)) + rawByte(0x80 | ((code >> 6) & 0x3f)) + rawByte(0x80 | (code & 0x3f));
}

/** unichar_is_valid(): what "\U" accepts. */
function isValidCodePoint(code: number): boolean {
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
  return !(code >= 0xfdd0 && code <= 0xfdef) && (code & 0xfffe) !== 0xfffe;
}

/**
 * Decodes the escape whose first character (after the backslash) is at `s[i]`.
 * Returns undefined for an unknown or malformed escape; NUL is refused as systemd does.
 */
export function unescapeOne(s: string, i: number): Unescaped | undefined {
  const c = s[i];
  if (c === undefined) return undefined;
  const simple = SIMPLE[c];
  if (simple !== undefined) return { text: simple, length: 1 };
  if (c === 'x') {
    const h = s.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(h)) return undefined;
    const byte = parseInt(h, 16);
    return byte === 0 ? undefined : { text: rawByte(byte), length: 3 };
  }
  if (c >= '0' && c <= '7') {
    const o = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(o)) return undefined;
    const byte = parseInt(o, 8);
    return byte === 0 || byte > 255 ? undefined : { text: rawByte(byte), length: 3 };
  }
  if (c === 'u' || c === 'U') {
    const n = c === 'u' ? 4 : 8;
    const h = s.slice(i + 1, i + 1 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return undefined;
    const code = parseInt(h, 16);
    if (code === 0) return undefined;
    // "\u" takes any 16-bit value (a surrogate becomes its 3-byte encoding, not UTF-8);
    // "\U" only valid code points (systemd 252's cunescape_one()).
    if (c === 'U' && !isValidCodePoint(code)) return undefined;
    if (code >= 0xd800 && code <= 0xdfff) return { text: surrogateBytes(code), length: 1 + n };
    return { text: String.fromCodePoint(code), length: 1 + n };
  }
  return undefined;
}
