// Time spans as in systemd.time(7): "90" (seconds when no unit is given), "5s", "1min 30s",
// "2h30m", "infinity". Parsed exactly as systemd 252's parse_time(): in integer microseconds,
// a fraction truncated to whole microseconds ("0.0000001s" is 0), refused when a number ends
// in "." ("5." is not a time span) or when the total reaches 2^64-1 µs ("infinity").
// parseTimeSpan() returns milliseconds (the unit model's time base); Infinity is "infinity".

/** USEC_INFINITY / NSEC_INFINITY: (uint64_t) -1. */
const INFINITY_TICKS = (1n << 64n) - 1n;
const LLONG_MAX = (1n << 63n) - 1n;

type UnitTable = ReadonlyArray<readonly [string, bigint]>;

const SEC = 1_000_000n;
const MINUTE = 60n * SEC;
const HOUR = 60n * MINUTE;
const DAY = 24n * HOUR;
const WEEK = 7n * DAY;
const MONTH = 2_629_800n * SEC;
const YEAR = 31_557_600n * SEC;

/** extract_multiplier()'s table, in its order: the first suffix the text starts with wins. */
const USEC_UNITS: UnitTable = [
  ['seconds', SEC], ['second', SEC], ['sec', SEC], ['s', SEC],
  ['minutes', MINUTE], ['minute', MINUTE], ['min', MINUTE],
  ['months', MONTH], ['month', MONTH], ['M', MONTH],
  ['msec', 1000n], ['ms', 1000n], ['m', MINUTE],
  ['hours', HOUR], ['hour', HOUR], ['hr', HOUR], ['h', HOUR],
  ['days', DAY], ['day', DAY], ['d', DAY],
  ['weeks', WEEK], ['week', WEEK], ['w', WEEK],
  ['years', YEAR], ['year', YEAR], ['y', YEAR],
  ['usec', 1n], ['us', 1n], ['μs', 1n], ['µs', 1n],
];
/** parse_nsec()'s table: the same units in nanoseconds, and "nsec"/"ns". */
const NSEC_UNITS: UnitTable = [...USEC_UNITS.map(([s, us]) => [s, us * 1000n] as const), ['nsec', 1n], ['ns', 1n]];

const WHITESPACE = ' \t\n\r';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function skipWhitespace(s: string, i: number): number {
  while (i < s.length && WHITESPACE.includes(s[i]!)) i++;
  return i;
}

/**
 * parse_time()'s loop: components "[+]N[.F] [unit]" one after another, each unit optional
 * (then `defaultUnit`), whitespace between them optional when a unit ends the number.
 * Returns ticks (the table's unit), or undefined.
 */
function parseSpan(text: string, units: UnitTable, defaultUnit: bigint): bigint | undefined {
  let p = skipWhitespace(text, 0);
  if (text.startsWith('infinity', p)) return text.slice(p + 8).split('').every((c) => WHITESPACE.includes(c)) ? INFINITY_TICKS : undefined;
  let total = 0n;
  let something = false;
  for (;;) {
    p = skipWhitespace(text, p);
    if (p >= text.length) return something ? total : undefined;
    if (text[p] === '-') return undefined; // "-0" is refused too (ERANGE)
    // strtoll(): optional "+", then digits; ".5" has none before the dot.
    let e = p;
    if (text[e] === '+' && (isDigit(text[e + 1]))) e++;
    const digitsStart = e;
    while (isDigit(text[e])) e++;
    const whole = e > digitsStart ? BigInt(text.slice(digitsStart, e)) : 0n;
    if (whole > LLONG_MAX) return undefined; // strtoll() overflows (ERANGE)
    let fraction = '';
    if (text[e] === '.') {
      let f = e + 1;
      while (isDigit(text[f])) f++;
      fraction = text.slice(e + 1, f);
      p = f;
    } else if (e === digitsStart) {
      return undefined;
    } else {
      p = e;
    }
    const afterSpace = skipWhitespace(text, p);
    let multiplier = defaultUnit;
    let next = afterSpace;
    for (const [suffix, ticks] of units) {
      if (text.startsWith(suffix, afterSpace)) {
        multiplier = ticks;
        next = afterSpace + suffix.length;
        break;
      }
    }
    // "Don't allow '12.34.56', but accept '12.34 .56' or '12.34s.56'"
    if (next === p && p < text.length) return undefined;
    p = next;
    if (whole >= INFINITY_TICKS / multiplier) return undefined;
    total += whole * multiplier;
    if (total >= INFINITY_TICKS) return undefined;
    something = true;
    if (text[e] === '.') {
      // "Don't allow "0.-0", "3.+1", "3. 1", "3.sec" or "3.hoge"": a dot needs digits after it.
      if (fraction === '') return undefined;
      let m = multiplier / 10n;
      for (const digit of fraction) {
        total += BigInt(digit) * m;
        if (total >= INFINITY_TICKS) return undefined;
        m /= 10n;
      }
    }
  }
}

/** parse_time(): microseconds; `defaultUnitUsec` is the unit of a bare number (seconds for most settings). */
export function parseTimeSpanUsec(value: string, defaultUnitUsec = SEC): bigint | undefined {
  return parseSpan(value, USEC_UNITS, defaultUnitUsec);
}

/** parse_nsec() (TimerSlackNSec=): nanoseconds, a bare number is nanoseconds. */
export function parseNanoseconds(value: string): bigint | undefined {
  return parseSpan(value, NSEC_UNITS, 1n);
}

/** Whether a parsed span is "infinity". */
export function isInfiniteSpan(ticks: bigint): boolean {
  return ticks === INFINITY_TICKS;
}

/**
 * Parses a time span into milliseconds; `defaultUnitMs` is the unit of a bare number
 * (seconds for most settings: "TimeoutSec=90" is 90 s; 0.001 for microseconds).
 * Returns undefined when the text is not a time span.
 */
export function parseTimeSpan(value: string, defaultUnitMs = 1000): number | undefined {
  const usec = parseTimeSpanUsec(value, BigInt(Math.round(defaultUnitMs * 1000)));
  if (usec === undefined) return undefined;
  return isInfiniteSpan(usec) ? Infinity : Number(usec) / 1000;
}

/** Formats milliseconds like systemd does in messages: "1min 30s", "infinity". */
export function formatTimeSpan(ms: number): string {
  if (ms === Infinity) return 'infinity';
  if (ms === 0) return '0';
  const parts: string[] = [];
  let rest = ms;
  for (const [name, f] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000], ['ms', 1]] as const) {
    if (rest >= f) {
      const n = Math.floor(rest / f);
      parts.push(`${n}${name}`);
      rest -= n * f;
    }
  }
  return parts.length ? parts.join(' ') : `${ms}ms`;
}
