// Sizes as systemd 252's parse_size() reads them: a number with an optional fraction and one
// of the suffixes E P T G M K B (base 1024, or 1000), and several such parts adding up when
// each suffix is smaller than the one before: "1G 512M" is 1.5 GiB, "1K1" is 1025. "10KB" and
// "1GiB" are not sizes (the "B" would be a second part without a number), nor is "1T ".

const SUFFIXES = ['E', 'P', 'T', 'G', 'M', 'K', 'B', ''] as const;
const ULLONG_MAX = (1n << 64n) - 1n;
const WHITESPACE = ' \t\n\r';

function factorOf(suffix: string, base: 1000 | 1024): bigint {
  const power = suffix === '' ? 0 : 'BKMGTPE'.indexOf(suffix); // B and '' are bytes
  return BigInt(base) ** BigInt(power);
}

function skipWhitespace(s: string, i: number): number {
  while (i < s.length && WHITESPACE.includes(s[i]!)) i++;
  return i;
}

/** The value in bytes (exact up to 2^53), or undefined when it is not a size or exceeds 2^64-1. */
export function parseSize(value: string, base: 1000 | 1024 = 1024): number | undefined {
  let total = 0n;
  let firstSuffix = 0;
  let p = 0;
  do {
    p = skipWhitespace(value, p);
    // strtoull(): an optional sign, then digits; "-" is refused (ERANGE).
    const m = /^[+-]?([0-9]+)/.exec(value.slice(p));
    if (!m || value[p] === '-') return undefined;
    const whole = BigInt(m[1]!);
    if (whole > ULLONG_MAX) return undefined;
    let e = p + m[0].length;
    let fraction = 0;
    if (value[e] === '.') {
      e++;
      const digits = /^[0-9]+/.exec(value.slice(e))?.[0] ?? '';
      if (digits !== '') {
        if (BigInt(digits) > ULLONG_MAX) return undefined;
        // As a C double: the digits as a number, divided by ten once per digit.
        fraction = Number(BigInt(digits));
        for (let k = 0; k < digits.length; k++) fraction /= 10;
        e += digits.length;
      }
    }
    e = skipWhitespace(value, e);
    let i = firstSuffix;
    while (i < SUFFIXES.length && !value.startsWith(SUFFIXES[i]!, e)) i++;
    if (i >= SUFFIXES.length) return undefined;
    const factor = factorOf(SUFFIXES[i]!, base);
    if (whole + (fraction > 0 ? 1n : 0n) > ULLONG_MAX / factor) return undefined;
    const part = whole * factor + BigInt(Math.trunc(fraction * Number(factor)));
    if (part > ULLONG_MAX - total) return undefined;
    total += part;
    p = e + SUFFIXES[i]!.length;
    firstSuffix = i + 1;
  } while (p < value.length);
  return Number(total);
}
