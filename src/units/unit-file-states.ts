// `systemctl list-unit-files` for the loader's search path: every unit file with its state
// (enabled, disabled, static, indirect, masked, alias, bad), with systemctl's rules, checked
// against `systemctl --root list-unit-files` of systemd 252.

import { statSync } from 'node:fs';
import type { Enablement } from './install-enablement.js';
import { readInstallSection } from './install-enablement.js';
import type { SpecifierContext } from './specifiers.js';
import type { UnitDirectories } from './unit-directories.js';
import { instantiate, parseUnitName, templateOf } from './unit-name.js';

export interface UnitFileListEntry {
  name: string;
  path: string;
  state: string;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

interface EnabledSets {
  /** names found in some NAME.wants/ or NAME.requires/ directory */
  wanted: Set<string>;
  /** units enabled by the [Install] sections of --unit-path directories */
  enabledByInstall: Set<string>;
  /** templates with some instance enabled */
  instancesWanted: Set<string>;
}

export function listUnitFileStates(dirs: UnitDirectories, en: Enablement, aliases: ReadonlyMap<string, readonly string[]>, spec: SpecifierContext): UnitFileListEntry[] {
  const sets: EnabledSets = { wanted: new Set(), enabledByInstall: new Set(), instancesWanted: new Set() };
  for (const dir of dirs.dirs) {
    for (const e of dirs.list(dir).values()) {
      if (e.kind !== 'directory' || !/\.(wants|requires)$/.test(e.name)) continue;
      for (const w of dirs.list(e.path).keys()) {
        sets.wanted.add(w);
        const t = templateOf(w);
        if (t) sets.instancesWanted.add(t);
      }
    }
  }
  for (const l of [...en.wants.values(), ...en.requires.values()]) {
    for (const n of l) {
      sets.enabledByInstall.add(n);
      const t = templateOf(n);
      if (t) sets.instancesWanted.add(t);
    }
  }
  const out: UnitFileListEntry[] = [];
  const seen = new Set<string>();
  for (const dir of dirs.dirs) {
    for (const e of [...dirs.list(dir).values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (seen.has(e.name) || (e.kind !== 'file' && e.kind !== 'symlink') || !parseUnitName(e.name)) continue;
      seen.add(e.name);
      out.push({ name: e.name, path: e.path, state: fileState(dirs, e.name, e.path, e.kind === 'symlink', sets, aliases, spec) });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `systemctl is-enabled` semantics for one unit file. */
function fileState(dirs: UnitDirectories, name: string, path: string, isLink: boolean, sets: EnabledSets,
  aliases: ReadonlyMap<string, readonly string[]>, spec: SpecifierContext): string {
  let file = path;
  if (isLink) {
    const r = dirs.resolve(path);
    if (r.masked) return 'masked';
    if (r.dangling) return 'bad';
    if (basename(r.path) !== name) return 'alias';
    file = r.path;
  }
  try {
    if (statSync(file).size === 0) return 'masked';
  } catch {
    return 'bad';
  }
  if (sets.wanted.has(name) || sets.enabledByInstall.has(name)) return 'enabled';
  const install = readInstallSection(file, name, spec);
  if (!install) return 'bad';
  // A template is enabled through its DefaultInstance=; other enabled instances make it "indirect".
  const dflt = install.defaultInstance;
  if (dflt && (sets.wanted.has(instantiate(name, dflt)) || sets.enabledByInstall.has(instantiate(name, dflt)))) return 'enabled';
  // "systemctl enable" also creates the Alias= symlinks: one of them present means enabled.
  const links = aliases.get(name) ?? [];
  if (install.alias.some((a) => links.includes(a))) return 'enabled';
  if (sets.instancesWanted.has(name)) return 'indirect';
  if (install.wantedBy.length + install.requiredBy.length + install.alias.length > 0) return 'disabled';
  if (install.also.length > 0) return 'indirect';
  return 'static';
}
