// Markdown output: one table per scenario variant.
import { median, min, max, ratioMedian, tally } from './stats.mjs';

export function fmt(x, digits = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (digits === 0 || Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}
export const fmtRatio = (r) => (r === null || r === undefined ? 'n/a' : r === Infinity ? 'inf (tsd: 0)' : `${r.toFixed(2)}x`);

/**
 * results: Map initName -> { na?: reason, rounds: [{ figures, notes }] } (rounds aligned by index)
 * returns markdown
 */
export function variantTable(scenario, variant, results, order) {
  const lines = [];
  lines.push(`| init | figure | min | median | max | ratio to tsd | notes |`);
  lines.push(`| --- | --- | ---: | ---: | ---: | ---: | --- |`);
  const tsd = results.get('tsd');
  for (const name of order) {
    const r = results.get(name);
    if (!r) continue;
    if (r.na) { lines.push(`| ${name} | ${scenario.figures[0].label} | | | | | n/a: ${r.na} |`); continue; }
    const noteKeys = [...new Set(r.rounds.flatMap((x) => Object.keys(x.notes ?? {})))];
    let notes = noteKeys.map((k) => `${k}: ${tally(r.rounds.map((x) => x?.notes?.[k]))}`).join('; ');
    const done = r.rounds.filter(Boolean).length;
    if (r.cut) notes = `${done} round${done > 1 ? 's' : ''} only (too slow for the time budget)${notes ? '; ' + notes : ''}`;
    scenario.figures.forEach((f, i) => {
      const xs = r.rounds.map((x) => x?.figures?.[f.key] ?? null);
      const ratio = tsd && !tsd.na ? ratioMedian(xs, tsd.rounds.map((x) => x?.figures?.[f.key] ?? null)) : null;
      lines.push(`| ${name} | ${f.label} | ${fmt(min(xs), f.digits)} | ${fmt(median(xs), f.digits)} | ${fmt(max(xs), f.digits)} | ${name === 'tsd' ? '1.00x' : fmtRatio(ratio)} | ${i === 0 ? notes : ''} |`);
    });
  }
  return lines.join('\n');
}
