// Enablement: which units a target pulls in and which extra names units have, as systemctl
// enable would record it. On disk that is symlinks (TARGET.wants/, aliases); for the directories
// a user names with --unit-path, tsd reads the [Install] sections instead, "as if enabled".

import { readFileSync } from 'node:fs';
import type { InstallSection } from './model.js';
import { newUnit } from './defaults.js';
import { parseUnitFileText } from './unit-file-syntax.js';
import { applyEntry } from './apply-directives.js';
import { instantiate, isTemplateName, isValidUnitName } from './unit-name.js';
import { expandSpecifiers, type SpecifierContext } from './specifiers.js';

export interface Enablement {
  /** target -> units it wants because they are enabled */
  wants: Map<string, string[]>;
  requires: Map<string, string[]>;
  /** alias name -> unit name (Alias= of enabled units) */
  aliases: Map<string, string>;
}

/** Reads the [Install] section of a unit file (fragment only, like `systemctl enable`). */
export function readInstallSection(path: string, name: string, spec: SpecifierContext, shownPath = path): InstallSection | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const unit = newUnit(name);
  const parsed = parseUnitFileText(text, shownPath, name);
  const expand = (s: string): string => expandSpecifiers(s, { name, fragmentPath: shownPath }, spec);
  const opts = { expand, report: () => {}, sandbox: [], failed: false };
  for (const e of parsed.entries) if (e.section === 'Install') applyEntry(unit, e, opts);
  return unit.install;
}

function push(m: Map<string, string[]>, key: string, value: string): void {
  const l = m.get(key);
  if (!l) m.set(key, [value]);
  else if (!l.includes(value)) l.push(value);
}

/**
 * Enables every unit file of `dirs` (and what their Also= names) by its [Install] section.
 * `locate` finds a unit file in the search path for Also=.
 */
export function enableDirectories(
  files: Array<{ name: string; path: string; shownPath: string }>,
  locate: (name: string) => { path: string; shownPath: string } | undefined,
  spec: SpecifierContext,
): Enablement {
  const en: Enablement = { wants: new Map(), requires: new Map(), aliases: new Map() };
  const done = new Set<string>();
  const enable = (name: string, path: string, shownPath: string): void => {
    if (done.has(name)) return;
    done.add(name);
    const template = isTemplateName(name);
    const install = readInstallSection(path, name, spec, shownPath);
    if (!install) return;
    // "DefaultInstance=: ... the instance name to use when enabling a template without one"
    let unitName = name;
    let inst = install;
    if (template) {
      if (!install.defaultInstance) return;
      unitName = instantiate(name, install.defaultInstance);
      inst = readInstallSection(path, unitName, spec, shownPath) ?? install;
    }
    for (const t of inst.wantedBy) push(en.wants, t, unitName);
    for (const t of inst.requiredBy) push(en.requires, t, unitName);
    for (const a of inst.alias) if (isValidUnitName(a) && a !== unitName) en.aliases.set(a, unitName);
    for (const also of inst.also) {
      const f = locate(also);
      if (f) enable(also, f.path, f.shownPath);
    }
  };
  for (const f of files) enable(f.name, f.path, f.shownPath);
  return en;
}
