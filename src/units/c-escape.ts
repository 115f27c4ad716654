// C-style escapes as systemd's cunescape_one() knows them (systemd.syntax(7), "Quoting"):
// \a \b \f \n \r \t \v \\ \" \' \s (space), \xHH, \NNN (octal), \uHHHH, \UHHHHHHHH.

const SIMPLE: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', '"': '"', "'": "'", s: ' ',
};

export interface Unescaped {
  /** the decoded text */
  text: string;
  /** characters consumed after the backslash */
  length: number;
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
    const code = parseInt(h, 16);
    return code === 0 ? undefined : { text: String.fromCharCode(code), length: 3 };
  }
  if (c >= '0' && c <= '7') {
    const o = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(o)) return undefined;
    const code = parseInt(o, 8);
    return code === 0 || code > 255 ? undefined : { text: String.fromCharCode(code), length: 3 };
  }
  if (c === 'u' || c === 'U') {
    const n = c === 'u' ? 4 : 8;
    const h = s.slice(i + 1, i + 1 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return undefined;
    const code = parseInt(h, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return { text: String.fromCodePoint(code), length: 1 + n };
  }
  return undefined;
}
