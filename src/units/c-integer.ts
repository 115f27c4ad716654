// Integers the way systemd reads them: safe_atou()/safe_atoi() call strtoul()/strtol() with
// base 0, so "010" is 8, "0x10" is 16 and "08" is refused (confirmed with systemd 252:
// Nice=010 is 8, KillSignal=015 is SIGPIPE, LimitNOFILE=0x10 is 16). Leading whitespace and a
// "+" are accepted; a "-" only in front of zero for the unsigned forms (strtoul() would wrap).

const C_INTEGER = /^[ \t\n\r\v\f]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

function parse(text: string): { negative: boolean; magnitude: bigint } | undefined {
  const m = C_INTEGER.exec(text);
  if (!m) return undefined;
  const digits = m[2]!;
  const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return { negative: m[1] === '-', magnitude };
}

/** Whether `text` is written as a C integer, so that a refusal by the functions below means "out of range". */
export function isCIntegerSyntax(text: string): boolean {
  return C_INTEGER.test(text);
}

/** safe_atou()-style: an unsigned value no larger than `max`; undefined when invalid or out of range. */
export function parseCUnsigned(text: string, max: number | bigint = 0xffff_ffff): number | undefined {
  const n = parse(text);
  if (!n || (n.negative && n.magnitude !== 0n) || n.magnitude > BigInt(max)) return undefined;
  return Number(n.magnitude);
}

/** safe_atoi()-style: a signed value within [min, max] (a C int by default). */
export function parseCSigned(text: string, min = -0x8000_0000, max = 0x7fff_ffff): number | undefined {
  const n = parse(text);
  if (!n) return undefined;
  const value = n.negative ? -n.magnitude : n.magnitude;
  return value < BigInt(min) || value > BigInt(max) ? undefined : Number(value);
}
