// What `tsd verify` checks, in the spirit of `systemd-analyze verify`: each named unit loads
// (with its drop-ins), its required dependencies exist, and its Exec binaries are executable.

import { accessSync, constants, statSync } from 'node:fs';
import type { Diagnostic, ExecCommand, Unit } from '../model.js';
import type { UnitLoader } from '../loader.js';
import { EXEC_SEARCH_PATH } from '../exec-line.js';

export interface VerifyResult {
  diagnostics: Diagnostic[];
  /** false when any unit cannot be used */
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

export function verifyUnits(loader: UnitLoader, names: string[], root = ''): VerifyResult {
  const extra: Diagnostic[] = [];
  let ok = true;
  const units: Unit[] = [];
  for (const name of names) {
    const u = loader.load(name);
    units.push(u);
    if (u.loadState !== 'loaded') {
      ok = false;
      extra.push({ severity: 'error', unit: u.name, message: u.loadError ?? `Unit ${u.name} is ${u.loadState}.`, ...(u.fragmentPath ? { file: u.fragmentPath } : {}) });
      continue;
    }
    // Hard dependencies must exist; Wants= on a missing unit is fine (systemd ignores it too).
    for (const dep of [...u.unit.requires, ...u.unit.requisite, ...u.unit.bindsTo]) {
      const d = loader.load(dep);
      if (d.loadState === 'not-found' || d.loadState === 'masked') {
        ok = false;
        extra.push({ severity: 'error', unit: u.name, ...(u.fragmentPath ? { file: u.fragmentPath } : {}), message: `${u.name} requires ${dep}, which is ${d.loadState}.` });
      }
    }
    for (const cmd of execCommands(u)) {
      if (findBinary(cmd, root)) continue;
      const where = cmd.source ? { file: cmd.source.file, line: cmd.source.line } : {};
      // "-" commands may fail, so a missing binary is only worth a warning there.
      if (!cmd.ignoreFailure) ok = false;
      extra.push({ severity: cmd.ignoreFailure ? 'warning' : 'error', unit: u.name, ...where, message: `Command ${cmd.path} is not executable: No such file or directory` });
    }
  }
  const wanted = new Set(units.flatMap((u) => u.names));
  const own = loader.diagnostics.filter((d) => d.unit === undefined || wanted.has(d.unit));
  if (own.some((d) => d.severity === 'error')) ok = false;
  return { diagnostics: byFileAndLine([...own, ...extra]), ok };
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
