// Statistics over rounds: shuffling, median/min/max and per-round ratios.

/** Fisher-Yates shuffle of a copy. */
export function shuffle(list, rand = Math.random) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const nums = (xs) => xs.filter((x) => typeof x === 'number' && !Number.isNaN(x));

export function median(xs) {
  const a = nums(xs).sort((x, y) => x - y);
  if (!a.length) return null;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}
export const min = (xs) => (nums(xs).length ? Math.min(...nums(xs)) : null);
export const max = (xs) => (nums(xs).length ? Math.max(...nums(xs)) : null);

/**
 * Median of per-round ratios a[i]/b[i], over rounds where both are finite
 * numbers and b is not zero. When both are zero the ratio is 1.
 */
export function ratioMedian(a, b) {
  const r = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i], y = b[i];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (y === 0) { r.push(x === 0 ? 1 : Infinity); continue; }
    r.push(x / y);
  }
  return median(r);
}

/** Distinct values with counts, most common first: "yes (4), no (1)". */
export function tally(values) {
  const m = new Map();
  for (const v of values) if (v !== undefined && v !== null && v !== '') m.set(String(v), (m.get(String(v)) ?? 0) + 1);
  const parts = [...m.entries()].sort((x, y) => y[1] - x[1]);
  if (parts.length === 1) return parts[0][0];
  return parts.map(([v, n]) => `${v} (${n}x)`).join(', ');
}
