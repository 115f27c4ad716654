// systemd 252 on the host as the oracle: `systemd --test --system` loads units and dumps what it
// made of them (dependencies with their origin, Type=, Exec command lines, drop-ins...). It runs
// as nobody ("Don't run test mode as root"), with SYSTEMD_UNIT_PATH naming the units to read.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitWords } from '../../src/units/extract-word.js';

const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
/** `systemd-analyze` of systemd 252 is on PATH. */
export const have252 = analyze.status === 0 && /^systemd 252\b/.test(analyze.stdout);

/** `systemd --test` can be run (as root, through setpriv). */
export const canDump = have252 && process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0 && existsSync('/lib/systemd/systemd');

const multiarch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
/** systemd 252's core library, whose strings hold its directive table (load-fragment-gperf). */
export const systemdCoreLibrary = `/usr/lib/${multiarch}/systemd/libsystemd-core-252.so`;

// Without the oracle the comparisons skip, saying so. CI installs systemd (.ci/run) and sets
// TSD_REQUIRE_SYSTEMD_ORACLE: there a missing oracle is a failure, never a quiet green run.
if (!canDump || !existsSync(systemdCoreLibrary)) {
  const why = `systemd 252 cannot serve as the oracle (systemd-analyze 252: ${have252}; systemd --test as nobody: ${canDump}; ${systemdCoreLibrary}: ${existsSync(systemdCoreLibrary)})`;
  if (process.env.TSD_REQUIRE_SYSTEMD_ORACLE) throw new Error(`${why}; install the systemd package (.ci/run does)`);
  console.warn(`${why}: the comparisons with systemd are skipped`);
}

export const DEPENDENCY_FIELDS = new Set(['Requires', 'Requisite', 'Wants', 'BindsTo', 'PartOf', 'Upholds', 'Conflicts', 'Before', 'After', 'OnFailure', 'OnSuccess', 'PropagatesReloadTo', 'ReloadPropagatedFrom']);

/**
 * What the dump of `systemd --test` says per unit: "Key" -> values (dependencies of origin
 * file/default/implicit; "DropIn Path" as DropInPath, in the order applied).
 */
export function parseDump(dump: string): Map<string, Map<string, string[]>> {
  const units = new Map<string, Map<string, string[]>>();
  let cur: Map<string, string[]> | undefined;
  let exec: string | undefined;
  const push = (k: string, v: string): void => { (cur!.get(k) ?? cur!.set(k, []).get(k)!).push(v); };
  for (const line of dump.split('\n')) {
    const m = /^\t-> Unit (.+):$/.exec(line);
    if (m) { cur = new Map(); units.set(m[1]!, cur); exec = undefined; continue; }
    if (!cur) continue;
    const e = /^\t\t-> (Exec\w+):$/.exec(line);
    if (e) { exec = e[1]!; continue; }
    const c = /^\t\t\tCommand Line: (.*)$/.exec(line);
    if (c && exec) { push(exec, JSON.stringify(splitWords(c[1]!, { unquote: true }))); continue; }
    const d = /^\t\t(\w+): (\S+) \(([^)]*)\)$/.exec(line);
    if (d && DEPENDENCY_FIELDS.has(d[1]!)) {
      if (d[3]!.split(' ').some((o) => o === 'origin-file' || o === 'origin-default' || o === 'origin-implicit')) push(d[1]!, d[2]!);
      continue;
    }
    const dropIn = /^\t\tDropIn Path: (.*)$/.exec(line);
    if (dropIn) { push('DropInPath', dropIn[1]!); continue; }
    const p = /^\t\t([A-Za-z]+): ?(.*)$/.exec(line);
    if (p) { exec = undefined; push(p[1]!, p[2]!); }
  }
  return units;
}

/**
 * Runs `systemd --test` on a target wanting `names`, written to `dir`/top, searching it, then
 * `unitPath` (colon-separated), then the host's units. Returns the parsed dump.
 */
export function dumpUnits(dir: string, unitPath: string, names: readonly string[]): Map<string, Map<string, string[]>> {
  const top = join(dir, 'top');
  mkdirSync(top, { recursive: true });
  writeFileSync(join(top, 'all.target'), `[Unit]\nDescription=all\nWants=${names.join(' ')}\n`);
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  const dump = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', `SYSTEMD_UNIT_PATH=${top}:${unitPath}:`,
    '/lib/systemd/systemd', '--test', '--system', '--unit=all.target', '--no-pager'], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  return parseDump(dump);
}
