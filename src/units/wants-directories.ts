// ".wants/" and ".requires/" directories (systemd.unit(5)): a symlink "foo.service" in
// "bar.target.wants/" adds Wants=foo.service to bar.target. They are found like drop-in
// directories (drop-ins.ts): for every name of the unit, its template and dash prefixes, and the
// type ("service.wants/" applies to every service), the first directory with an entry name
// deciding it. What systemd 252's process_deps() then does, checked with `systemd --test`:
// - an entry linked to /dev/null (or an empty file) masks that name: no dependency;
// - an entry that is not a symlink is ignored with a warning;
// - a template entry ("helper@.service") is instantiated with the unit's instance, or for a unit
//   that has none with its prefix ("foo.service.wants/helper@.service" -> helper@foo.service).
// systemd 252 has no ".upholds/" directories (Upholds= only): they are not read.

import { posix } from 'node:path';
import type { Diagnostic, Unit } from './model.js';
import type { DirEntry, UnitDirectories } from './unit-directories.js';
import { dropInEntries } from './drop-ins.js';
import { instantiate, parseUnitName } from './unit-name.js';

const KINDS = [['.wants', 'wants', 'Wants'], ['.requires', 'requires', 'Requires']] as const;

/** What one entry adds: a dependency, a warning, both, or nothing (a mask). */
interface EntryVerdict {
  dependency?: string;
  warning?: string;
}

function judgeEntry(dirs: UnitDirectories, u: Unit, e: DirEntry, kind: string): EntryVerdict {
  if (e.kind !== 'symlink') {
    if (e.kind === 'file' && dirs.isEmptyFile(e.path)) return {};
    return { warning: `${kind} dependency dropin ${e.path} is not a symlink, ignoring.` };
  }
  const r = dirs.resolve(e.path);
  if (r.masked || (!r.dangling && dirs.isEmptyFile(r.path))) return {};
  const p = parseUnitName(e.name);
  if (!p) return { warning: `${kind} dependency dropin ${e.path} is not a valid unit name, ignoring.` };
  const dependency = p.instance === '' ? instantiate(e.name, u.instance ?? parseUnitName(u.name)!.prefix) : e.name;
  // "bar.target.wants/foo.service -> ../other.service" still adds foo.service, with a warning.
  const target = dirs.readLink(e.path) ?? '';
  if (namesCompatible(e.name, posix.basename(target), u.instance !== undefined)) return { dependency };
  return { dependency, warning: `${kind} dependency dropin ${e.path} target ${target} has different name` };
}

/** unit_symlink_name_compatible(): the link's name is the target's, or an instance of that template. */
function namesCompatible(link: string, target: string, instancePropagation: boolean): boolean {
  const l = parseUnitName(link);
  const t = parseUnitName(target);
  if (!l) return false;
  if (link === target && l.instance !== '') return true;
  if (l.instance === undefined || !t || t.instance !== '') return false;
  const template = `${l.prefix}@.${l.type}`;
  if (template !== target) return false;
  return l.instance !== '' || instancePropagation;
}

export function addWantsDirectories(dirs: UnitDirectories, u: Unit, report: (d: Diagnostic) => void): void {
  for (const [suffix, key, kind] of KINDS) {
    const list = u.unit[key];
    for (const e of dropInEntries(dirs, u.names, suffix)) {
      const { dependency, warning } = judgeEntry(dirs, u, e, kind);
      // Unit-level, as systemd logs it: the message names the entry's path.
      if (warning) report({ severity: 'warning', code: 'wants-directory', message: warning, unit: u.name });
      if (dependency && dependency !== u.name && !list.includes(dependency)) list.push(dependency);
    }
  }
}
