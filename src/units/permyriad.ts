// Proportions as systemd 252's parse_permyriad() reads them (MemoryMax=50%, TasksMax=10.5%,
// CPUQuota=150%): a percentage with at most two decimals, a permille ("5‰") with at most one,
// or a permyriad ("50‱") with none. The number before the decimals is read like safe_atoi().

import { parseCSigned } from './c-integer.js';

/** The whole part (read like safe_atoi(), not negative) times `scale`, plus the decimals. */
function scaled(whole: string, decimals: string, scale: number): number | undefined {
  const v = parseCSigned(whole);
  if (v === undefined || v < 0) return undefined;
  const q = decimals === '' ? 0 : Number(decimals.padEnd(String(scale).length - 1, '0'));
  if (v > (0x7fff_ffff - q) / scale) return undefined;
  return v * scale + q;
}

/** parse_permyriad_unbounded(): the value in 1/10000ths, undefined when it is not one. */
export function parsePermyriadUnbounded(text: string): number | undefined {
  for (const [symbol, scale, places] of [['‱', 1, 0], ['‰', 10, 1], ['%', 100, 2]] as const) {
    if (!text.endsWith(symbol)) continue;
    const body = text.slice(0, -symbol.length);
    const dot = body.indexOf('.');
    if (dot < 0) return scaled(body, '', scale);
    const decimals = body.slice(dot + 1);
    if (places === 0 || decimals.length < 1 || decimals.length > places || !/^[0-9]+$/.test(decimals)) return undefined;
    return scaled(body.slice(0, dot), decimals, scale);
  }
  return undefined;
}

/** parse_permyriad(): at most 100%. */
export function parsePermyriad(text: string): number | undefined {
  const v = parsePermyriadUnbounded(text);
  return v !== undefined && v <= 10_000 ? v : undefined;
}
