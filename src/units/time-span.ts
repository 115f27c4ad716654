// Time spans as in systemd.time(7): "90" (seconds when no unit is given), "5s", "1min 30s",
// "2h30m", "infinity". Results are milliseconds (the unit model's time base); Infinity
// stands for "infinity".

const UNITS: ReadonlyArray<readonly [string, number]> = [
  // Longest names first so "msec" is not read as "m" + "sec", "min" not as "m"...
  ['usec', 0.001], ['us', 0.001], ['µs', 0.001], ['μs', 0.001],
  ['msec', 1], ['ms', 1],
  ['seconds', 1000], ['second', 1000], ['sec', 1000], ['s', 1000],
  ['minutes', 60_000], ['minute', 60_000], ['min', 60_000], ['m', 60_000],
  ['hours', 3_600_000], ['hour', 3_600_000], ['hr', 3_600_000], ['h', 3_600_000],
  ['days', 86_400_000], ['day', 86_400_000], ['d', 86_400_000],
  ['weeks', 604_800_000], ['week', 604_800_000], ['w', 604_800_000],
  ['months', 2_629_800_000], ['month', 2_629_800_000], ['M', 2_629_800_000],
  ['years', 31_557_600_000], ['year', 31_557_600_000], ['y', 31_557_600_000],
];
const UNIT_MS = new Map(UNITS);
const TOKEN = /\+?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*([a-zA-Zµμ]*)\s*/y;

/**
 * Parses a time span; `defaultUnitMs` is the unit of a bare number (seconds for most
 * settings, "TimeoutSec=90" is 90 s). Returns undefined when the text is not a time span.
 */
export function parseTimeSpan(value: string, defaultUnitMs = 1000): number | undefined {
  const s = value.trim();
  if (s === 'infinity') return Infinity;
  if (s === '') return undefined;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(s);
    if (!m || m[0] === '') return undefined;
    const unitName = m[2] ?? '';
    let factor = defaultUnitMs;
    // A number without a unit must end the value or be followed by whitespace ("1.2.3s" is bad).
    if (unitName === '' && TOKEN.lastIndex < s.length && !/\s/.test(s[TOKEN.lastIndex - 1] ?? '')) return undefined;
    if (unitName !== '') {
      const f = UNIT_MS.get(unitName);
      if (f === undefined) return undefined;
      factor = f;
    }
    total += Number(m[1]) * factor;
    pos = TOKEN.lastIndex;
  }
  return total;
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
