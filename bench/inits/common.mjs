// Shared by the adapters: the workload description and small writers.
//
// A workload is { services: [Service], stopTimeoutSec, events }, where a
// Service is { name, argv: [...], after: [names], requires: [names] }.
// An adapter is { name, kind: 'init' | 'floor', binary, version(),
// available() -> true | reason, prepare(workload, dir, scenario) ->
// { argv, env? } | { na: reason } }.
import { writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function cmd(argv) {
  for (const a of argv) if (!/^[\w@%+=:,./-]+$/.test(a)) throw new Error(`unsafe argument for config files: ${a}`);
  return argv.join(' ');
}

export function write(path, text, mode) {
  writeFileSync(path, text);
  if (mode) chmodSync(path, mode);
}
export const mkdir = (p) => mkdirSync(p, { recursive: true });

export function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** version of a Debian package, e.g. "0.19.0-1+b3" */
export function debVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'not installed';
}

export const hasDeps = (w) => w.services.some((s) => s.after.length || s.requires.length);

/** Adapters for inits that run exactly one program. */
export function single(name, binary, pkg, argvFor) {
  return {
    name, kind: 'init', binary, pkg,
    version: () => debVersion(pkg),
    available: () => (which(binary) ? true : `${binary} not installed (run bench/setup.sh)`),
    prepare(w) {
      if (w.services.length !== 1) return { na: 'runs one program only' };
      return { argv: argvFor(w.services[0].argv) };
    },
  };
}

/** service name -> depth in the dependency graph (0 = no dependencies) */
export function depths(w) {
  const by = new Map(w.services.map((s) => [s.name, s]));
  const memo = new Map();
  const depth = (n) => {
    if (memo.has(n)) return memo.get(n);
    memo.set(n, 0);
    const s = by.get(n);
    const deps = [...new Set([...(s?.after ?? []), ...(s?.requires ?? [])])].filter((d) => by.has(d));
    const d = deps.length ? 1 + Math.max(...deps.map(depth)) : 0;
    memo.set(n, d);
    return d;
  };
  return new Map(w.services.map((s) => [s.name, depth(s.name)]));
}
