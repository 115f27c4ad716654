// Text that may hold bytes that are not UTF-8. systemd works on bytes: "\xff" in an Exec line
// is passed to the program as the byte 0xff, and "\xe2\x82\xac" as the three bytes of "€".
// tsd's words are JavaScript strings, so a byte that is not part of a valid UTF-8 sequence is
// kept as a lone surrogate U+DC80..U+DCFF (the "surrogateescape" convention): nothing else can
// produce one (unit files are read as UTF-8, and the escapes below never yield a lone
// surrogate), so the bytes can always be told apart and recovered.

const RAW_BASE = 0xdc00;

/** The placeholder character for a byte >= 0x80 that is not (yet) part of a UTF-8 sequence. */
export function rawByte(byte: number): string {
  return byte < 0x80 ? String.fromCharCode(byte) : String.fromCharCode(RAW_BASE + byte);
}

function isRawByte(code: number): boolean {
  return code >= RAW_BASE + 0x80 && code <= RAW_BASE + 0xff;
}

/** Whether `s` holds placeholders for bytes that are not UTF-8. */
export function hasRawBytes(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isRawByte(s.charCodeAt(i))) return true;
  return false;
}

/** The bytes `s` stands for: UTF-8 for characters, the byte itself for a placeholder. */
export function encodeText(s: string): Buffer {
  if (!hasRawBytes(s)) return Buffer.from(s, 'utf8');
  const bytes: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (isRawByte(code)) bytes.push(code - RAW_BASE);
    else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes);
}

/** The length of the UTF-8 sequence starting at bytes[i] if it encodes a code point in its
 *  shortest form (no surrogates, at most U+10FFFF), else 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  const second = bytes[i + 1]!;
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
  if (b === 0xe0 && second < 0xa0) return 0;
  if (b === 0xed && second >= 0xa0) return 0;
  if (b === 0xf0 && second < 0x90) return 0;
  if (b === 0xf4 && second >= 0x90) return 0;
  return length;
}

/** Decodes bytes as UTF-8, keeping every byte that is not part of a valid sequence as a placeholder. */
export function decodeText(bytes: Uint8Array): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8') + rawByte(bytes[i]!);
    i++;
    start = i;
  }
  return out + Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8');
}

/** Joins the bytes of placeholders with their neighbours: "\xe2\x82\xac" written as three escapes is "€". */
export function settleRawBytes(s: string): string {
  return hasRawBytes(s) ? decodeText(encodeText(s)) : s;
}

/**
 * systemd's utf8_is_valid(): valid UTF-8 whose code points are all "valid unichars", which
 * also excludes the noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF.
 */
export function isValidUtf8(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) return false;
    if (c >= 0xfdd0 && c <= 0xfdef) return false;
    if ((c & 0xfffe) === 0xfffe) return false;
  }
  return true;
}

/** For messages, like utf8_escape_invalid(): every byte that is not UTF-8 shown as U+FFFD. */
export function showInvalidUtf8(s: string): string {
  let out = '';
  for (const ch of s) out += isRawByte(ch.codePointAt(0)!) ? '\ufffd' : ch;
  return out;
}
