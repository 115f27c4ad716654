// Enablement: which units a target pulls in and which extra names units have, as systemctl
// enable would record it. On disk that is symlinks (TARGET.wants/, aliases); for the directories
// a user names with --unit-path, tsd reads the [Install] sections instead, "as if enabled".

import { readFileSync } from 'node:fs';
import type { InstallSection } from './model.js';
import { newUnit } from './defaults.js';
import { parseUnitFileText } from './unit-file-syntax.js';
import { applyEntry } from './apply-directives.js';
import { instantiate, isTemplateName, parseUnitName, templateOf } from './unit-name.js';
import { expandSpecifiers, type SpecifierContext } from './specifiers.js';

export interface Enablement {
  /** target -> units it wants because they are enabled */
  wants: Map<string, string[]>;
  requires: Map<string, string[]>;
  /** alias name -> unit name (Alias= of enabled units); a template alias names a template */
  aliases: Map<string, string>;
}

/**
 * The link `systemctl enable UNIT` makes for Alias=ALIAS, as [alias name, unit it loads], or
 * undefined where systemctl refuses ("cannot alias t@.service as pl.service"). Checked with
 * `systemctl --root enable` (unit_file_verify_alias()): the type must be the same; a plain unit
 * takes plain aliases; a template takes templates ("bar@.service": bar@x is foo@x) and instances
 * ("bar@x.service": foo@x); an instance's template alias takes its instance (foo@y: bar@y), and an
 * instance alias must have the same instance.
 */
export function aliasLink(unit: string, alias: string): [string, string] | undefined {
  const u = parseUnitName(unit);
  const a = parseUnitName(alias);
  if (!u || !a || a.type !== u.type || a.instance === undefined !== (u.instance === undefined)) return undefined;
  let link: [string, string] = [alias, unit];
  if (u.instance === '' && a.instance !== '') link = [alias, instantiate(unit, a.instance!)];
  if (u.instance && a.instance === '') link = [instantiate(alias, u.instance), unit];
  if (u.instance && a.instance && a.instance !== u.instance) return undefined;
  return link[0] === link[1] ? undefined : link;
}

/** The unit an enabled unit's Alias= makes `name` load, undefined when none does. */
export function enabledAliasTarget(en: Enablement, name: string): string | undefined {
  const direct = en.aliases.get(name);
  if (direct) return direct;
  const template = templateOf(name);
  const target = template ? en.aliases.get(template) : undefined;
  const instance = parseUnitName(name)?.instance;
  return target && instance && isTemplateName(target) ? instantiate(target, instance) : undefined;
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
    const install = readInstallSection(path, name, spec, shownPath);
    if (!install) return;
    // The alias links come first: systemctl makes them even for a template it cannot enable.
    for (const a of install.alias) {
      const link = aliasLink(name, a);
      if (link) en.aliases.set(link[0], link[1]);
    }
    // "DefaultInstance=: ... the instance name to use when enabling a template without one"
    let unitName = name;
    let inst = install;
    if (isTemplateName(name)) {
      if (!install.defaultInstance) return;
      unitName = instantiate(name, install.defaultInstance);
      inst = readInstallSection(path, unitName, spec, shownPath) ?? install;
    }
    for (const t of inst.wantedBy) push(en.wants, t, unitName);
    for (const t of inst.requiredBy) push(en.requires, t, unitName);
    for (const also of inst.also) {
      const f = locate(also);
      if (f) enable(also, f.path, f.shownPath);
    }
  };
  for (const f of files) enable(f.name, f.path, f.shownPath);
  return en;
}
