#!/usr/bin/env node
// tsd benchmark harness: every scenario against every installed init, in
// interleaved shuffled rounds, in one run on one machine.
//   node bench/run.mjs [--quick] [--scenario a,b] [--init a,b] [--rounds N] [--out FILE]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { INITS } from './inits/index.mjs';
import { shuffle, median, ratioMedian } from './harness/stats.mjs';
import { variantTable, fmtRatio } from './harness/table.mjs';
import { BW, WORK } from './harness/ns.mjs';
import startup from './scenarios/startup.mjs';
import memory from './scenarios/memory.mjs';
import reaping from './scenarios/reaping.mjs';
import dockerstop from './scenarios/dockerstop.mjs';
import shutdown from './scenarios/shutdown.mjs';
import bootScenario from './scenarios/boot.mjs';
import log from './scenarios/log.mjs';
import idle from './scenarios/idle.mjs';
import control from './scenarios/control.mjs';
import { TARGETS } from './targets.mjs';
import { settings } from './scenarios/common.mjs';

const SCENARIOS = [startup, memory, reaping, dockerstop, shutdown, bootScenario, log, idle, control];
const HERE = new URL('.', import.meta.url).pathname;

function parseArgs(argv) {
  const o = { quick: false, rounds: null, scenarios: null, inits: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { const v = argv[++i]; if (v === undefined) usage(`${a} needs a value`); return v; };
    if (a === '--quick') o.quick = true;
    else if (a === '--rounds') o.rounds = Number(val());
    else if (a === '--scenario') o.scenarios = val().split(',');
    else if (a === '--init') o.inits = val().split(',');
    else if (a === '--out') o.out = val();
    else if (a === '--list') o.list = true;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  o.roundsGiven = o.rounds !== null;
  o.rounds ??= o.quick ? 3 : 5;
  if (!(o.rounds >= 1)) usage('--rounds must be >= 1');
  o.budgetMs = (o.quick ? 2 : 20) * 1000;
  return o;
}
/**
 * A scenario whose rounds are short (startup, reaping) asks for more of them in full mode
 * (`fullRounds`, on the scenario or on one of its variants): its figures are a few ms, where a
 * noisy VM moves 5-round medians by a third. --rounds, when given, is what every scenario gets.
 */
function scenarioRounds(sc, o, variant) {
  if (o.roundsGiven || o.quick) return o.rounds;
  return Math.max(o.rounds, variant?.fullRounds ?? sc.fullRounds ?? 0);
}

/** "11" or, when variants differ, "11/5" (in the order of the variants). */
function roundsText(sc, o) {
  const counts = [...new Set(sc.variants(o).map((v) => scenarioRounds(sc, o, v)))];
  return counts.join('/');
}

function usage(err) {
  if (err) console.error(`bench: ${err}`);
  console.error(`usage: npm run bench -- [--quick] [--scenario NAME[,NAME]] [--init NAME[,NAME]] [--rounds N] [--out FILE] [--list]
scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}
inits:     ${Object.keys(INITS).join(', ')}  (tsd is needed in the list for ratios)`);
  process.exit(err ? 2 : 0);
}

function setup() {
  const need = !existsSync(BW) || statSync(join(HERE, 'workloads/bw.c')).mtimeMs > statSync(BW).mtimeMs
    || Object.values(INITS).some((a) => a.kind === 'init' && a.name !== 'tsd' && a.available() !== true);
  if (!need) return;
  console.error('bench: running bench/setup.sh');
  const r = spawnSync('sh', [join(HERE, 'setup.sh')], { stdio: 'inherit' });
  if (r.status !== 0) console.error('bench: setup.sh failed; peers that are missing will be shown as n/a');
  if (!existsSync(BW)) { console.error('bench: no workload binary (bench/.work/bw); cannot run'); process.exit(1); }
}

function sh(cmd) { const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8' }); return (r.stdout ?? '').trim(); }
function machine(used) {
  const mem = Math.round(os.totalmem() / 2 ** 30);
  const cpu = os.cpus()[0]?.model ?? '?';
  const lines = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} cores (nproc ${sh('nproc')}), ${cpu}, ${mem} GiB memory, load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    `- kernel: ${sh('uname -sr')}; ${sh('. /etc/os-release && echo $PRETTY_NAME')}`,
    `- node: ${process.version}; util-linux: ${sh('unshare --version')}`,
    `- inits: ${used.map((k) => `${INITS[k].name} ${INITS[k].version()}`).join('; ')}`,
  ];
  return lines.join('\n');
}

/** --list: what a run would measure, and which inits this machine has; runs nothing. */
function list(o) {
  console.log('scenarios (rounds in this mode, variants):');
  for (const sc of SCENARIOS) console.log(`  ${sc.name.padEnd(11)} ${roundsText(sc, o).padStart(5)}  ${sc.variants(o).map((v) => v.id).join('; ')}`);
  console.log('inits:');
  for (const [k, a] of Object.entries(INITS)) {
    const available = a.available();
    console.log(`  ${k.padEnd(11)} ${available === true ? 'available' : `n/a: ${available}`}`);
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.list) { list(o); return; }
  if (process.getuid?.() !== 0) { console.error('bench: needs root (unshare --pid --mount)'); process.exit(1); }
  setup();
  settings.quick = o.quick;
  const wanted = o.inits ?? Object.keys(INITS);
  for (const k of wanted) if (!INITS[k]) usage(`unknown init ${k}`);
  const scenarios = o.scenarios ? o.scenarios.map((n) => SCENARIOS.find((s) => s.name === n) ?? usage(`unknown scenario ${n}`)) : SCENARIOS;
  const unavailable = new Map();
  for (const k of wanted) { const a = INITS[k].available(); if (a !== true) unavailable.set(k, a); }
  for (const [k, why] of unavailable) console.error(`bench: ${k}: ${why}`);
  const used = wanted.filter((k) => !unavailable.has(k));
  const t0 = Date.now();
  const mode = o.quick ? 'quick' : 'full';
  const roundsOf = (sc, v) => scenarioRounds(sc, o, v);
  const more = scenarios.filter((sc) => roundsText(sc, o) !== String(o.rounds)).map((sc) => `${sc.name}: ${roundsText(sc, o)}`);
  const out = [`# tsd benchmark, ${mode} mode`, '', machine(used),
    `- rounds: ${o.rounds} per figure${more.length ? ` (${more.join(', ')})` : ''}, inits interleaved in a new shuffled order each round`, ''];
  const all = {}; // scenario -> variant -> Map(init -> result)
  for (const sc of scenarios) {
    out.push(`## ${sc.title}`, '', sc.how, '');
    all[sc.name] = {};
    const inits = sc.inits.filter((k) => wanted.includes(k));
    for (const v of sc.variants(o)) {
      const results = new Map();
      for (const k of inits) if (unavailable.has(k)) results.set(k, { na: unavailable.get(k) });
      const runnable = inits.filter((k) => !unavailable.has(k));
      const spent = new Map(runnable.map((k) => [k, 0]));
      for (let r = 0; r < roundsOf(sc, v); r++) {
        for (const k of shuffle(runnable)) {
          const cur = results.get(k);
          if (cur?.na) continue;
          // an init that is very slow in this variant gets fewer rounds (noted in the table)
          // (never tsd: it is the reference of every ratio)
          if (r > 0 && k !== 'tsd' && spent.get(k) > (o.quick ? o.budgetMs : sc.budgetMs ?? o.budgetMs)) { if (cur) cur.cut = true; continue; }
          const t = Date.now();
          let res;
          try { res = await sc.round(k, INITS[k], v, o); } catch (e) { res = { figures: {}, notes: { error: String(e.message ?? e).slice(0, 100) } }; }
          if (res.na) { results.set(k, { na: res.na }); continue; }
          if (!cur) results.set(k, { rounds: [] });
          results.get(k).rounds[r] = res;
          spent.set(k, spent.get(k) + Date.now() - t);
          const f = Object.entries(res.figures).map(([a, b]) => `${a}=${typeof b === 'number' ? +b.toFixed(2) : b}`).join(' ');
          const n = res.notes ? ' ' + JSON.stringify(res.notes) : '';
          console.error(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${sc.name} / ${v.id} / round ${r + 1} / ${k}: ${f}${n} (${Date.now() - t} ms)`);
        }
      }
      all[sc.name][v.id] = results;
      out.push(`### ${v.id}`, '', variantTable(sc, v, results, inits.map((k) => k)).replace(/^\| (\S+) \|/gm, (m, k) => (INITS[k] ? `| ${INITS[k].name} |` : m)), '');
    }
  }
  // targets
  const tl = ['## Targets for tsd', '', '| target | measured (median of per-round ratios) | limit | met |', '| --- | ---: | ---: | --- |'];
  for (const t of TARGETS) {
    const res = all[t.scenario]?.[t.variant];
    const tsd = res?.get('tsd');
    if (!res || !tsd) continue;
    if (tsd.na || !tsd.rounds.length) { tl.push(`| ${t.label} | n/a | ${t.limitText} | no (${tsd.na ?? 'no rounds'}) |`); continue; }
    const ev = t.evaluate(tsd, res);
    tl.push(`| ${t.label} | ${ev.text} | ${t.limitText} | ${ev.met ? 'yes' : 'no'}${ev.why ? ` (${ev.why})` : ''} |`);
  }
  if (tl.length > 4) out.push(...tl, '');
  out.push(`Total bench time: ${((Date.now() - t0) / 1000).toFixed(0)} s.`, '');
  const text = out.join('\n');
  const subset = o.scenarios || o.inits || o.rounds !== (o.quick ? 3 : 5);
  const file = o.out ?? join(HERE, 'results', `${new Date().toISOString().slice(0, 10)}-${mode}${subset ? '-partial' : ''}.md`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  console.log(text);
  console.error(`bench: wrote ${file} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((e) => { console.error(e); process.exit(1); });
