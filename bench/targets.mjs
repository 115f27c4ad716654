// The targets of issue #4: each is a ratio from one run (median of per-round ratios).
import { median, ratioMedian } from './harness/stats.mjs';

const fig = (r, key) => r.rounds.map((x) => x?.figures?.[key] ?? null);
const note = (r, key) => r.rounds.map((x) => x?.notes?.[key]);
const vsPeer = (peer, key, limit) => (tsd, res) => {
  const p = res.get(peer);
  if (!p || p.na || !p.rounds.length) return { text: 'n/a', met: false, why: `${peer} did not run` };
  const q = ratioMedian(fig(tsd, key), fig(p, key));
  return { text: q === null ? 'n/a' : `${q.toFixed(2)}x`, met: q !== null && q <= limit };
};
const vsConst = (c, key, limit) => (tsd) => {
  const q = median(fig(tsd, key).map((x) => (x === null ? null : x / c)));
  return { text: q === null ? 'n/a' : `${q.toFixed(2)}x`, met: q !== null && q <= limit };
};
const and = (f, check, why) => (tsd, res) => {
  const e = f(tsd, res);
  const ok = check(tsd);
  return { ...e, met: e.met && ok, why: ok ? e.why : why };
};

export const TARGETS = [
  { scenario: 'startup', variant: '1 service', label: 'startup vs `node -e 0`', limitText: '1.5x', evaluate: vsPeer('node', 'ms', 1.5) },
  { scenario: 'memory', variant: '50 services', label: 'RSS with 50 services vs idle bare Node', limitText: '1.2x', evaluate: vsPeer('node', 'rss', 1.2) },
  ...['10,000', '1,000'].map((k) => ({ scenario: 'reaping', variant: `${k} orphans`, label: `reaping ${k} orphans vs tini, none left`, limitText: '1.2x',
    evaluate: and(vsPeer('tini', 'ms', 1.2), (t) => note(t, 'zombies left').every((x) => x === 0), 'zombies left') })),
  { scenario: 'dockerstop', variant: 'service takes 100 ms to stop', label: 'docker stop, one 100 ms service, vs tini', limitText: '1.1x', evaluate: vsPeer('tini', 'ms', 1.1) },
  ...[20, 10].flatMap((n) => [
    { scenario: 'shutdown', variant: `${n} independent`, label: `${n} independent 200 ms services vs 200 ms`, limitText: '1.3x', evaluate: vsConst(200, 'ms', 1.3) },
    { scenario: 'shutdown', variant: `chain of ${n}`, label: `chain of ${n} vs ${n} x 200 ms, exact reverse order`, limitText: '1.05x',
      evaluate: and(vsConst(n * 200, 'ms', 1.05), (t) => note(t, 'reverse order').every((x) => x === 'yes'), 'order not kept') },
  ]),
  { scenario: 'boot', variant: '50 independent', label: '50 services up vs s6-svscan', limitText: '1.5x', evaluate: vsPeer('s6', 'ms', 1.5) },
  { scenario: 'idle', variant: '50 services, 10 s', label: 'idle CPU and wakeups (10 s)', limitText: '0 and 0',
    evaluate: (t) => { const c = median(fig(t, 'cpu')), w = median(fig(t, 'wakeups')); return { text: `${c?.toFixed(2)} ms, ${w} wakeups`, met: c === 0 && w === 0 }; } },
  { scenario: 'idle', variant: '50 services, 1 s', label: 'idle CPU and wakeups (1 s, quick: too short to be conclusive)', limitText: '0 and 0',
    evaluate: (t) => { const c = median(fig(t, 'cpu')), w = median(fig(t, 'wakeups')); return { text: `${c?.toFixed(2)} ms, ${w} wakeups`, met: c === 0 && w === 0 }; } },
  { scenario: 'log', variant: '1 service x 1,000,000 lines', label: 'log throughput vs a pipe (no init), none lost', limitText: '1.5x',
    evaluate: and(vsPeer('none', 'ms', 1.5), (t) => note(t, 'lines lost').every((x) => x === 0), 'lines lost') },
];
