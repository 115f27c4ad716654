// THE directive table: every key systemd 252 knows in every section a unit file may have, each
// with its section, value schema, destination and support level. Lookups are by "Section.Key".

import type { UnitType } from '../model.js';
import type { DirectiveRow, SectionName } from './row.js';
import { UNIT_SECTION } from './unit-section.js';
import { SERVICE_SECTION } from './service-section.js';
import { execContextRows } from './exec-context.js';
import { killContextRows } from './kill-context.js';
import { resourceControlRows } from './resource-control.js';
import { INSTALL_SECTION } from './install-section.js';
import { OTHER_SECTION_ROWS } from './other-sections.js';

/** Each section's rows, built when a unit first uses the section (see OTHER_SECTION_ROWS). */
const SECTION_ROWS: Readonly<Record<SectionName, () => readonly DirectiveRow[]>> = {
  Unit: () => UNIT_SECTION,
  Service: () => [...SERVICE_SECTION, ...execContextRows('Service'), ...resourceControlRows('Service'), ...killContextRows('Service')],
  Install: () => INSTALL_SECTION,
  Socket: OTHER_SECTION_ROWS.Socket!,
  Mount: OTHER_SECTION_ROWS.Mount!,
  Automount: OTHER_SECTION_ROWS.Automount!,
  Swap: OTHER_SECTION_ROWS.Swap!,
  Timer: OTHER_SECTION_ROWS.Timer!,
  Path: OTHER_SECTION_ROWS.Path!,
  Slice: OTHER_SECTION_ROWS.Slice!,
  Scope: OTHER_SECTION_ROWS.Scope!,
};

const BY_SECTION = new Map<string, ReadonlyMap<string, DirectiveRow>>();

function sectionIndex(section: string): ReadonlyMap<string, DirectiveRow> | undefined {
  let index = BY_SECTION.get(section);
  if (index === undefined) {
    if (!Object.hasOwn(SECTION_ROWS, section)) return undefined;
    const byName = new Map<string, DirectiveRow>();
    for (const d of SECTION_ROWS[section as SectionName]()) {
      // A table bug, caught by tests/units/directive-table.test.ts (it builds every section).
      if (byName.has(d.name)) throw new Error(`directive table: duplicate row ${section}.${d.name}`);
      byName.set(d.name, d);
    }
    index = byName;
    BY_SECTION.set(section, index);
  }
  return index;
}

export function findDirective(section: string, key: string): DirectiveRow | undefined {
  return sectionIndex(section)?.get(key);
}

/** Every row of every section (for tools and tests: builds them all). */
export function allDirectives(): DirectiveRow[] {
  return Object.keys(SECTION_ROWS).flatMap((section) => [...sectionIndex(section)!.values()]);
}

/** The sections a unit type's files may contain (systemd's per-type "sections" list); a
 *  section without rows here has no keys at all. */
const TYPE_SECTIONS: Record<UnitType, readonly string[]> = {
  service: ['Unit', 'Service', 'Install'],
  socket: ['Unit', 'Socket', 'Install'],
  // [Target] and [Device] are sections of their types without any key (systemd 252's vtables):
  // "Unknown key 'Foo' in section [Target]", not "Unknown section".
  target: ['Unit', 'Target', 'Install'],
  timer: ['Unit', 'Timer', 'Install'],
  path: ['Unit', 'Path', 'Install'],
  mount: ['Unit', 'Mount', 'Install'],
  automount: ['Unit', 'Automount', 'Install'],
  swap: ['Unit', 'Swap', 'Install'],
  slice: ['Unit', 'Slice', 'Install'],
  scope: ['Unit', 'Scope', 'Install'],
  device: ['Unit', 'Device', 'Install'],
};

export function sectionAllowed(type: UnitType, section: string): boolean {
  return TYPE_SECTIONS[type].includes(section);
}
