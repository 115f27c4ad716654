// Aliases: the other names a unit answers to. A symlink in a unit directory to a file with another
// unit name makes that name an alias ("sshd.service -> ssh.service"), as do the Alias= names of
// enabled units and tsd's built-in aliases (default.target). Computed once from the directory
// listings, so a unit's names do not depend on which name it was first asked for.

import type { Unit } from './model.js';
import { BUILTIN_ALIASES } from './special-targets.js';
import type { UnitDirectories } from './unit-directories.js';
import { instantiate, parseUnitName } from './unit-name.js';
import { DEPENDENCY_KEYS } from './dependency-keys.js';

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** canonical name -> its alias names */
export function buildAliasIndex(dirs: UnitDirectories, enabledAliases: ReadonlyMap<string, string>): Map<string, string[]> {
  const idx = new Map<string, string[]>();
  const add = (canonical: string, alias: string): void => {
    const l = idx.get(canonical);
    if (!l) idx.set(canonical, [alias]);
    else if (!l.includes(alias)) l.push(alias);
  };
  const seen = new Set<string>();
  for (const dir of dirs.dirs) {
    for (const e of dirs.list(dir).values()) {
      // The first directory with a name decides what it is, as for loading.
      if (seen.has(e.name)) continue;
      seen.add(e.name);
      if (e.kind !== 'symlink') continue;
      const p = parseUnitName(e.name);
      if (!p) continue;
      const r = dirs.resolve(e.path);
      if (r.masked) continue;
      // A dangling link still names its target: it may be a unit tsd synthesises.
      const target = basename(r.path);
      const tp = parseUnitName(target);
      if (!tp || tp.type !== p.type || target === e.name) continue;
      if ((tp.instance === '') === (p.instance === '')) add(target, e.name);
      // "bar@y.service -> foo@.service" names the instance foo@y.service.
      else if (p.instance && tp.instance === '' && instantiate(target, p.instance) !== e.name) add(instantiate(target, p.instance), e.name);
    }
  }
  for (const [alias, unit] of enabledAliases) if (!seen.has(alias)) add(unit, alias);
  for (const [alias, unit] of Object.entries(BUILTIN_ALIASES)) if (!seen.has(alias) && !enabledAliases.has(alias)) add(unit, alias);
  return idx;
}

/** alias -> canonical name, following chains (a -> b -> c). */
export function canonicalIndexOf(aliases: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [canonical, names] of aliases) for (const a of names) m.set(a, canonical);
  for (const [a, c] of m) {
    let end = c;
    for (let i = 0; i < 8 && m.has(end); i++) end = m.get(end)!;
    m.set(a, end);
  }
  return m;
}

/**
 * Rewrites dependency lists to canonical names ("After=mysqld.service" is "After=mariadb.service"
 * when mysqld.service is a link), dropping duplicates and self-references. No unit is loaded.
 */
export function canonicalizeDependencies(u: Unit, canonicalName: (name: string) => string): void {
  const d = u.unit;
  for (const key of DEPENDENCY_KEYS) {
    const list = d[key];
    if (list.every((n) => canonicalName(n) === n)) continue;
    const out: string[] = [];
    for (const n of list) {
      const c = canonicalName(n);
      if (c !== u.name && !out.includes(c)) out.push(c);
    }
    d[key] = out;
  }
}
