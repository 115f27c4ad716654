// Reading /proc: the processes of a PID namespace, their memory and CPU.
import { readFileSync, readlinkSync, readdirSync } from 'node:fs';

const read = (p) => { try { return readFileSync(p, 'utf8'); } catch { return null; } };

/** Direct children of pid (all threads). */
export function children(pid) {
  const out = [];
  let tasks = [];
  try { tasks = readdirSync(`/proc/${pid}/task`); } catch { return out; }
  for (const t of tasks) {
    const s = read(`/proc/${pid}/task/${t}/children`);
    if (s) for (const c of s.trim().split(/\s+/)) if (c) out.push(Number(c));
  }
  return out;
}

/** pid and all its descendants: inside a PID namespace, everything under its PID 1. */
export function tree(pid) {
  const seen = new Set();
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    for (const c of children(p)) stack.push(c);
  }
  return [...seen];
}

export function exe(pid) { try { return readlinkSync(`/proc/${pid}/exe`); } catch { return null; } }
export function cmdline(pid) { const s = read(`/proc/${pid}/cmdline`); return s ? s.split('\0').filter(Boolean) : []; }

function kv(text) {
  const m = {};
  for (const line of (text ?? '').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) m[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return m;
}
const kb = (s) => (s ? Number(s.split(/\s+/)[0]) : 0);

/** Rss and Pss in KiB from smaps_rollup; VmHWM (peak RSS) from status. */
export function memory(pid) {
  const r = kv(read(`/proc/${pid}/smaps_rollup`));
  const s = kv(read(`/proc/${pid}/status`));
  return { rss: kb(r.Rss), pss: kb(r.Pss), hwm: kb(s.VmHWM) };
}

/** CPU time in ns (schedstat) and context switches (voluntary + involuntary). */
export function cpu(pid) {
  const ss = read(`/proc/${pid}/schedstat`);
  const s = kv(read(`/proc/${pid}/status`));
  let ns = ss ? Number(ss.trim().split(/\s+/)[0]) : NaN;
  if (!Number.isFinite(ns)) {
    const st = read(`/proc/${pid}/stat`) ?? '';
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    ns = (Number(f[11]) + Number(f[12])) * 1e7;
  }
  return { ns, vol: Number(s.voluntary_ctxt_switches ?? 0), invol: Number(s.nonvoluntary_ctxt_switches ?? 0) };
}

/** Sum of cpu() over all threads of a process. */
export function cpuAllThreads(pid) {
  let tasks = [];
  try { tasks = readdirSync(`/proc/${pid}/task`); } catch { return { ns: 0, vol: 0, invol: 0 }; }
  const t = { ns: 0, vol: 0, invol: 0 };
  for (const id of tasks) {
    const c = cpu(`${pid}/task/${id}`);
    t.ns += c.ns || 0; t.vol += c.vol; t.invol += c.invol;
  }
  return t;
}
