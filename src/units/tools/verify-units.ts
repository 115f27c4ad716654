// What `tsd verify` checks, as `systemd-analyze verify` does: each named unit loads (with its
// drop-ins), and so does every unit it refers to, recursively (Requires=, Wants=, After=, the unit
// a socket or timer starts...): the problems of all of them are printed. Then for each named unit:
// a start job can be made (start-job-check.ts), a socket's service loads, and its Exec binaries
// are executable. The exit status is 1 when any of that fails for a named unit, as in systemd: a
// broken unit that is only wanted, or only ordered against, is printed but does not fail it.

import { accessSync, constants, statSync } from 'node:fs';
import type { Diagnostic, ExecCommand, Unit } from '../model.js';
import type { UnitLoader } from '../loader.js';
import { EXEC_SEARCH_PATH } from '../exec-line.js';
import { DEPENDENCY_KEYS } from '../dependency-keys.js';
import { triggeredUnit } from '../trigger-unit-checks.js';
import { checkStartJob, unusable } from './start-job-check.js';

export interface VerifyResult {
  diagnostics: Diagnostic[];
  /** false when any named unit cannot be used */
  ok: boolean;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findBinary(cmd: ExecCommand, root: string): string | undefined {
  const candidates = cmd.path.startsWith('/') ? [cmd.path] : EXEC_SEARCH_PATH.map((d) => `${d}/${cmd.path}`);
  return candidates.find((c) => executable(`${root}${c}`));
}

function execCommands(u: Unit): ExecCommand[] {
  const s = u.service;
  if (!s) return [];
  return [...s.execCondition, ...s.execStartPre, ...s.execStart, ...s.execStartPost, ...s.execReload, ...s.execStop, ...s.execStopPost];
}

/** "-" commands may fail, so a missing binary is only worth a warning there (systemd skips them). */
function checkExecutables(u: Unit, root: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const cmd of execCommands(u)) {
    if (findBinary(cmd, root)) continue;
    const where = cmd.source ? { file: cmd.source.file, line: cmd.source.line } : {};
    out.push({ severity: cmd.ignoreFailure ? 'warning' : 'error', unit: u.name, ...where, message: `Command ${cmd.path} is not executable: No such file or directory` });
  }
  return out;
}

/** verify_socket(): the service a socket starts must load. */
function checkSocketService(u: Unit, load: (name: string) => Unit): Diagnostic[] {
  if (u.type !== 'socket') return [];
  const name = triggeredUnit(u);
  if (!name) return [];
  const service = load(name);
  if (service.loadState === 'loaded') return [];
  return [{ severity: 'error', unit: u.name, message: `service ${service.name} not loaded, socket cannot be started.` }];
}

/** Loads every unit the given units refer to, and the units those refer to, as systemd's load queue does. */
function loadReferencedUnits(loader: UnitLoader, start: Unit[]): void {
  const seen = new Set<string>();
  const queue = [...start];
  for (let u = queue.shift(); u; u = queue.shift()) {
    if (seen.has(u.name)) continue;
    seen.add(u.name);
    const trigger = triggeredUnit(u);
    for (const name of [...DEPENDENCY_KEYS.flatMap((k) => u!.unit[k]), ...(trigger ? [trigger] : [])]) {
      if (!seen.has(name)) queue.push(loader.load(name));
    }
  }
}

export function verifyUnits(loader: UnitLoader, names: string[], root = ''): VerifyResult {
  const load = (name: string): Unit => loader.load(name);
  const extra: Diagnostic[] = [];
  const named = names.map(load);
  loadReferencedUnits(loader, named);
  let ok = true;
  for (const u of named) {
    const why = unusable(u);
    if (why) {
      ok = false;
      // "Unit x.service has a bad unit file setting.", after the reason the loader reported.
      const message = u.loadState === 'not-found' ? (u.loadError ?? why.message) : why.message;
      if (!loader.diagnostics.some((d) => d.unit === u.name && d.message === message)) extra.push({ severity: 'error', unit: u.name, message });
      continue;
    }
    const checks = [...checkStartJob(u, load), ...checkSocketService(u, load), ...checkExecutables(u, root)];
    if (checks.some((d) => d.severity === 'error')) ok = false;
    extra.push(...checks);
  }
  const namedUnits = new Set(named.map((u) => u.name));
  const problems = loader.diagnostics.filter((d) => namedUnits.has(d.unit ?? '') || !tsdRemark(d));
  return { diagnostics: byFileAndLine(withoutRepeats([...problems, ...extra])), ok };
}

/**
 * tsd's own remarks, not problems systemd would report: the sandboxing it leaves to the
 * container and the settings it accepts without effect. Worth reading for the units named, noise
 * for the dozens of units they pull in (basic.target's, systemd's own services...).
 */
function tsdRemark(d: Diagnostic): boolean {
  return d.severity === 'info' || d.code === 'sandbox' || d.code === 'unsupported';
}

/** Each problem once: a unit wanted by two units, or named twice, is reported once. */
function withoutRepeats(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.unit ?? ''}\0${d.file ?? ''}\0${d.line ?? ''}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Problems grouped by file (in order of first appearance), by line within a file. */
function byFileAndLine(list: Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of list) if (!fileOrder.has(d.file ?? '')) fileOrder.set(d.file ?? '', fileOrder.size);
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (fileOrder.get(a.d.file ?? '')! - fileOrder.get(b.d.file ?? '')!) || ((a.d.line ?? 0) - (b.d.line ?? 0)) || (a.i - b.i))
    .map((x) => x.d);
}

/** "file:line: message", or "unit: message" when there is no file. */
export function formatDiagnostic(d: Diagnostic): string {
  const level = d.severity === 'error' ? '' : d.severity === 'warning' ? 'warning: ' : 'note: ';
  if (d.file) return `${d.file}${d.line ? `:${d.line}` : ''}: ${level}${d.message}`;
  return `${d.unit ?? 'tsd'}: ${level}${d.message}`;
}
