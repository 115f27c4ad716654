// Turns the raw bytes of one line into a printable string: valid UTF-8 is kept, every byte of an
// invalid sequence and every control character except TAB becomes \xNN. A journal stream must
// never let a service inject terminal escape sequences or fake line breaks into `docker logs`.

const HEX = '0123456789abcdef';

function hexEscape(byte: number): string {
  return '\\x' + HEX[byte >> 4] + HEX[byte & 15];
}

/** Length of the valid UTF-8 sequence starting at i, or 0 if the bytes there are not one. */
function utf8SequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b0 = bytes[i]!;
  let need: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) { need = 1; min = 0x80; }
  else if (b0 >= 0xe0 && b0 <= 0xef) { need = 2; min = 0x800; }
  else if (b0 >= 0xf0 && b0 <= 0xf4) { need = 3; min = 0x10000; }
  else return 0;
  if (i + need >= end) return 0; // truncated sequence at the end of the line
  let cp = b0 & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const b = bytes[i + k]!;
    if ((b & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}

/** True when every byte is printable ASCII or TAB: the common case, decoded without a scan per character. */
function isPlainAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b > 0x7e || (b < 0x20 && b !== 0x09)) return false;
  }
  return true;
}

export function escapeLine(bytes: Buffer, start = 0, end = bytes.length): string {
  if (isPlainAscii(bytes, start, end)) return bytes.toString('latin1', start, end);
  let out = '';
  let runStart = start;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b >= 0x20 && b < 0x7f || b === 0x09) { i++; continue; }
    if (b >= 0x80) {
      const len = utf8SequenceLength(bytes, i, end);
      if (len > 0) { i += len; continue; }
    }
    out += bytes.toString('utf8', runStart, i) + hexEscape(b);
    i++;
    runStart = i;
  }
  return out + bytes.toString('utf8', runStart, end);
}
