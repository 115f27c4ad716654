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
import { OTHER_SECTIONS } from './other-sections.js';

export const DIRECTIVES: readonly DirectiveRow[] = [
  ...UNIT_SECTION,
  ...SERVICE_SECTION,
  ...execContextRows('Service'),
  ...resourceControlRows('Service'),
  ...killContextRows('Service'),
  ...INSTALL_SECTION,
  ...OTHER_SECTIONS,
];

const BY_KEY = new Map<string, DirectiveRow>();
for (const d of DIRECTIVES) {
  const k = `${d.section}.${d.name}`;
  if (BY_KEY.has(k)) throw new Error(`directive table: duplicate row ${k}`);
  BY_KEY.set(k, d);
}

export function findDirective(section: string, key: string): DirectiveRow | undefined {
  return BY_KEY.get(`${section}.${key}`);
}

/** The sections a unit type's files may contain (systemd's per-type "sections" list). */
const TYPE_SECTIONS: Record<UnitType, readonly SectionName[]> = {
  service: ['Unit', 'Service', 'Install'],
  socket: ['Unit', 'Socket', 'Install'],
  target: ['Unit', 'Install'],
  timer: ['Unit', 'Timer', 'Install'],
  path: ['Unit', 'Path', 'Install'],
  mount: ['Unit', 'Mount', 'Install'],
  automount: ['Unit', 'Automount', 'Install'],
  swap: ['Unit', 'Swap', 'Install'],
  slice: ['Unit', 'Slice', 'Install'],
  scope: ['Unit', 'Scope', 'Install'],
  device: ['Unit', 'Install'],
};

export function sectionAllowed(type: UnitType, section: string): boolean {
  return (TYPE_SECTIONS[type] as readonly string[]).includes(section);
}
