// Signal names and numbers (Linux, x86-64/arm64 numbering) as systemd accepts them:
// "KillSignal=SIGINT", "KillSignal=INT", "KillSignal=2", "SIGRTMIN+3" (systemd.kill(5)).

import { parseCSigned } from './c-integer.js';

const SIGNALS: ReadonlyArray<readonly [string, number]> = [
  ['HUP', 1], ['INT', 2], ['QUIT', 3], ['ILL', 4], ['TRAP', 5], ['ABRT', 6], ['BUS', 7],
  ['FPE', 8], ['KILL', 9], ['USR1', 10], ['SEGV', 11], ['USR2', 12], ['PIPE', 13],
  ['ALRM', 14], ['TERM', 15], ['STKFLT', 16], ['CHLD', 17], ['CONT', 18], ['STOP', 19],
  ['TSTP', 20], ['TTIN', 21], ['TTOU', 22], ['URG', 23], ['XCPU', 24], ['XFSZ', 25],
  ['VTALRM', 26], ['PROF', 27], ['WINCH', 28], ['IO', 29], ['PWR', 30], ['SYS', 31],
];

export const SIGRTMIN = 34;
export const SIGRTMAX = 64;

// Only the canonical names: systemd 252 refuses aliases such as SIGIOT or SIGCLD.
const byName = new Map<string, number>(SIGNALS);
const byNumber = new Map<number, string>(SIGNALS.map(([n, v]) => [v, n]));

/**
 * signal_from_string(): "SIGTERM", "TERM", "15", "SIGRTMIN+3", "RTMIN+3", "SIGRTMAX-1" -> number;
 * undefined if unknown. Numbers are read like safe_atoi() ("015" is 13, "0x2" is 2), and a
 * number outside 1..64 is an error, not a name.
 */
export function signalFromString(input: string): number | undefined {
  const s = input;
  const number = parseCSigned(s);
  if (number !== undefined) return number >= 1 && number <= SIGRTMAX ? number : undefined;
  const name = s.startsWith('SIG') ? s.slice(3) : s;
  const known = byName.get(name);
  if (known !== undefined) return known;
  // "RTMIN+n" with 0 <= n <= 30, "RTMAX-n" likewise; n read by safe_atoi() including its sign.
  const rt = /^RT(MIN|MAX)(.*)$/s.exec(name);
  if (!rt) return undefined;
  const rest = rt[2]!;
  if (rest === '') return rt[1] === 'MIN' ? SIGRTMIN : SIGRTMAX;
  if (rest[0] !== (rt[1] === 'MIN' ? '+' : '-')) return undefined;
  const offset = parseCSigned(rest);
  if (offset === undefined) return undefined;
  const n = (rt[1] === 'MIN' ? SIGRTMIN : SIGRTMAX) + offset;
  return n >= SIGRTMIN && n <= SIGRTMAX ? n : undefined;
}

/** 15 -> "SIGTERM", 37 -> "SIGRTMIN+3", 99 -> "99". */
export function signalToString(signal: number): string {
  const name = byNumber.get(signal);
  if (name !== undefined) return `SIG${name}`;
  if (signal === SIGRTMIN) return 'SIGRTMIN';
  if (signal > SIGRTMIN && signal <= SIGRTMAX) return `SIGRTMIN+${signal - SIGRTMIN}`;
  return String(signal);
}
