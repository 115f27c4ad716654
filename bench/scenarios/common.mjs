// Helpers shared by the scenarios: building workloads and booting an init.
import { BW, launch, tempDir } from '../harness/ns.mjs';
import { cmdline } from '../harness/proc.mjs';
import { rmSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';

/** run-wide options, set by run.mjs */
export const settings = { quick: false };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const pad = (i, n = 3) => String(i).padStart(n, '0');

/** one service: bw svc -n NAME -e EVENTS ARGS... */
export function svc(events, name, args = [], deps = []) {
  return { name, argv: [BW, 'svc', '-n', name, '-e', events, ...args.map(String)], after: deps, requires: deps };
}

/** n independent services, or `layers` layers where each service needs the whole previous layer */
export function services(events, n, { args = [], layers = 1, prefix = 's' } = {}) {
  const per = Math.ceil(n / layers);
  const out = [];
  for (let i = 0; i < n; i++) {
    const layer = Math.floor(i / per);
    const deps = [];
    if (layer > 0) for (let j = (layer - 1) * per; j < layer * per; j++) deps.push(`${prefix}${pad(j)}`);
    out.push(svc(events, `${prefix}${pad(i)}`, args, deps));
  }
  return out;
}

/** a chain: s001 <- s002 <- ... (each After= and Requires= the previous one) */
export function chain(events, n, args = []) {
  return Array.from({ length: n }, (_, i) => svc(events, `s${pad(i)}`, args, i ? [`s${pad(i - 1)}`] : []));
}

function startedAll(names) {
  const want = new Set(names);
  return (es) => {
    let n = 0;
    const seen = new Set();
    for (const e of es) if (e.kind === 'start' && want.has(e.name) && !seen.has(e.name)) { seen.add(e.name); n++; }
    return n === want.size ? true : null;
  };
}

/**
 * Boot `adapter` as PID 1 with the workload made by make(events).
 * Returns { na } or { run, workload, ok (all services started before timeout), names }.
 */
export async function boot(key, adapter, make, { scenario, sinkLines, timeoutMs = 30000, stopTimeoutSec = 1 }) {
  const dir = tempDir(key.replace(/\W+/g, '_'));
  const events = `${dir}/events`;
  const workload = { services: make(events), stopTimeoutSec, events };
  if (settings.quick && adapter.startCostMs && adapter.startCostMs * workload.services.length > 3000) {
    rmSync(dir, { recursive: true, force: true });
    return { na: `skipped in quick mode: starts one service per ${adapter.startCostMs} ms (see the full run)` };
  }
  const p = adapter.prepare(workload, dir, scenario);
  if (p.na) { rmSync(dir, { recursive: true, force: true }); return { na: p.na }; }
  const run = launch(p.argv, { dir, env: p.env, sinkLines });
  const names = adapter.name === 'node -e 0' ? ['node'] : workload.services.map((s) => s.name);
  const ok = await run.events.waitFor((es) => startedAll(names)(es) || (run.done ? 'exited' : null), timeoutMs);
  return { run, workload, ok: ok === true, names, exitedEarly: ok === 'exited' };
}

/** host pid of the workload process of service `name` */
export async function servicePid(run, name) {
  const { workload } = await run.nsProcs();
  for (const p of workload) {
    const c = cmdline(p);
    const i = c.indexOf('-n');
    if (c[1] === 'svc' && i > 0 && c[i + 1] === name) return p;
  }
  return null;
}

/** start `bw watch` on a service; resolves once it is watching */
export async function watchService(run, name) {
  const pid = await servicePid(run, name);
  const p1 = await run.pid1();
  if (!pid || !p1) return false;
  const w = spawn(BW, ['watch', run.events.path, name, String(pid), String(p1)], { stdio: 'ignore' });
  w.unref();
  await run.events.waitFor((es) => es.find((e) => e.kind === 'watching' && e.name === name), 2000);
  return true;
}

/** a failed round: the figure is missing and the note says why */
export function failed(run, what) {
  let tail = '';
  try { tail = readFileSync(`${run.dir}/stderr`, 'utf8').trim().split('\n').slice(-1)[0] ?? ''; } catch {}
  return { figures: {}, notes: { error: what + (tail ? `: ${tail.slice(0, 80)}` : '') } };
}
