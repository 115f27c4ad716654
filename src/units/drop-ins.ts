// Drop-in directories (systemd.unit(5)): "foo.service.d/*.conf", plus for instances the
// template's "foo@.service.d/", for names with dashes the prefix directories ("foo-bar-baz.service"
// also reads "foo-bar-.service.d/" and "foo-.service.d/"), and the type directory "service.d/".
// "Drop-in files ... are sorted by their filename and applied in that order, regardless of which
// directory they reside in"; a file in a higher-precedence directory masks one with the same
// name in a lower one; a drop-in symlinked to /dev/null masks that name.

import type { UnitDirectories } from './unit-directories.js';
import { templateOf } from './unit-name.js';

/** The drop-in directory names for a unit name, most specific first. */
export function dropInDirNames(name: string, suffix = '.d'): string[] {
  const out: string[] = [`${name}${suffix}`];
  const template = templateOf(name);
  if (template) out.push(`${template}${suffix}`);
  const dot = name.lastIndexOf('.');
  const type = name.slice(dot + 1);
  const base = (template ?? name).slice(0, (template ?? name).lastIndexOf('.'));
  // Prefixes: cut after each "-", longest first; the top-level "service.d" comes last.
  const stem = base.endsWith('@') ? base.slice(0, -1) : base;
  for (let i = stem.length - 1; i > 0; i--) {
    if (stem[i - 1] === '-' && i < stem.length) out.push(`${stem.slice(0, i)}.${type}${suffix}`);
  }
  out.push(`${type}${suffix}`);
  return [...new Set(out)];
}

export interface DropIn {
  /** file name, the sort key */
  name: string;
  path: string;
}

/** The drop-in .conf files for a unit known by `names`, in application order. */
export function findDropIns(dirs: UnitDirectories, names: readonly string[]): DropIn[] {
  const chosen = new Map<string, DropIn | null>();
  for (const dir of dirs.dirs) {
    for (const n of names) {
      for (const d of dropInDirNames(n)) {
        for (const e of dirs.listSub(dir, d).values()) {
          if (!e.name.endsWith('.conf') || chosen.has(e.name)) continue;
          if (e.kind === 'symlink') {
            const r = dirs.resolve(e.path);
            if (r.masked) { chosen.set(e.name, null); continue; }
            if (r.dangling) continue;
            chosen.set(e.name, { name: e.name, path: r.path });
          } else if (e.kind === 'file') {
            chosen.set(e.name, { name: e.name, path: e.path });
          }
        }
      }
    }
  }
  return [...chosen.values()].filter((d): d is DropIn => d !== null).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
