// Drop-in directories (systemd.unit(5)): "foo.service.d/*.conf", plus for instances the
// template's "foo@.service.d/", for names with dashes the prefix directories ("foo-bar-baz.service"
// also reads "foo-bar-.service.d/" and "foo-.service.d/"), and the type directory "service.d/".
// The same directories with ".wants"/".requires" instead of ".d" hold dependency symlinks.
// "Drop-in files ... are sorted by their filename and applied in that order, regardless of which
// directory they reside in"; of two files with the same name, the one in the directory searched
// first is used, and a drop-in symlinked to /dev/null masks that name.
//
// The search order is systemd 252's unit_file_find_dropin_paths(), checked with `systemd --test`:
// every search-path directory for the unit's own name (its template and dash prefixes included),
// then the same for each alias, then every directory's type directory. So
// /etc/foo-.service.d/x.conf beats /lib/foo-bar.service.d/x.conf, and
// /lib/foo-bar.service.d/x.conf beats /etc/service.d/x.conf.

import type { DirEntry, UnitDirectories } from './unit-directories.js';
import { parseUnitName } from './unit-name.js';

/**
 * "foo-bar-baz" -> "foo-bar-", "foo-bar-" -> "foo-"; undefined without an inner dash. A trailing
 * dash is chopped once before looking again (unit_file_find_dirs()).
 */
function dashPrefix(prefix: string): string | undefined {
  let rest = prefix;
  let chopped = false;
  for (;;) {
    const dash = rest.lastIndexOf('-');
    if (dash <= 0) return undefined; // no dash, or only a leading one
    if (dash + 1 < rest.length || chopped) return rest.slice(0, dash + 1);
    rest = rest.slice(0, dash);
    chopped = true;
  }
}

/**
 * The names whose drop-in directories belong to `name` within one search directory, in systemd's
 * order: the name, its template, then (recursively) the dash prefix with the same instance.
 * "foo-bar@a.service": foo-bar@a, foo-bar@, foo-, foo-@a, foo-@ (each ".service").
 */
function dropInNames(name: string, out: string[] = []): string[] {
  out.push(name);
  const p = parseUnitName(name);
  if (!p) return out;
  if (p.instance) dropInNames(`${p.prefix}@.${p.type}`, out);
  const shorter = dashPrefix(p.prefix);
  if (shorter !== undefined) dropInNames(p.instance ? `${shorter}@${p.instance}.${p.type}` : `${shorter}.${p.type}`, out);
  return out;
}

/** "Hidden" and package-manager backup files are skipped, as systemd's directory walk does. */
function hidden(fileName: string): boolean {
  return fileName.startsWith('.') || /(~|\.(rpmnew|rpmsave|rpmorig|dpkg-old|dpkg-new|dpkg-tmp|dpkg-dist|dpkg-bak|dpkg-backup|dpkg-remove|ucf-new|ucf-old|ucf-dist|swp|bak|old|new))$/.test(fileName);
}

/**
 * The entries of a unit's `suffix` directories (".d", ".wants", ".requires"), one per file name:
 * the one from the directory searched first. `names`: the unit's name first, then its aliases.
 */
export function dropInEntries(dirs: UnitDirectories, names: readonly string[], suffix: string): DirEntry[] {
  const [name, ...aliases] = names;
  if (name === undefined) return [];
  const subdirs: Array<[dir: string, sub: string]> = [];
  for (const n of [name, ...aliases]) {
    const own = [...new Set(dropInNames(n))];
    for (const dir of dirs.dirs) for (const d of own) subdirs.push([dir, `${d}${suffix}`]);
  }
  const type = parseUnitName(name)?.type;
  if (type) for (const dir of dirs.dirs) subdirs.push([dir, `${type}${suffix}`]);
  const chosen = new Map<string, DirEntry>();
  for (const [dir, sub] of subdirs) {
    for (const e of dirs.listSub(dir, sub).values()) {
      if (!chosen.has(e.name) && !hidden(e.name)) chosen.set(e.name, e);
    }
  }
  return [...chosen.values()];
}

export interface DropIn {
  /** file name, the sort key */
  name: string;
  path: string;
  /** linked to /dev/null: applies nothing, and hides the same name in later directories */
  masked?: boolean;
}

/**
 * The drop-in .conf files for a unit known by `names` (canonical first), in application order.
 * A masked one stays in the list under its own path (it reads as empty), as systemd lists it
 * among the unit's drop-ins.
 */
export function findDropIns(dirs: UnitDirectories, names: readonly string[]): DropIn[] {
  const out: DropIn[] = [];
  for (const e of dropInEntries(dirs, names, '.d')) {
    if (!e.name.endsWith('.conf')) continue;
    if (e.kind === 'symlink') {
      const r = dirs.resolve(e.path);
      if (r.dangling) continue;
      out.push(r.masked ? { name: e.name, path: e.path, masked: true } : { name: e.name, path: r.path });
    } else if (e.kind === 'file') {
      out.push({ name: e.name, path: e.path });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
