// [Install] (systemd.unit(5), "[Install] Section Options"): read by enablement, not at runtime.

import { isValidUnitName } from '../unit-name.js';
import type { InstallSection } from '../model.js';
import { type DirectiveRow, row } from './row.js';
import { addUnitNames, unitNames } from './list-values.js';
import { grammar } from './value-schemas.js';

type ListKey = 'wantedBy' | 'requiredBy' | 'alias' | 'also';
function list(name: string, key: ListKey): DirectiveRow<string[]> {
  return row({
    name, section: 'Install', schema: unitNames, support: 'implemented', specifiers: 'words',
    apply: (u, v, ctx) => addUnitNames(u.install[key], v, ctx),
    reset: (u) => { u.install[key] = []; },
  });
}

export const INSTALL_SECTION: DirectiveRow[] = [
  list('WantedBy', 'wantedBy'),
  list('RequiredBy', 'requiredBy'),
  list('Alias', 'alias'),
  list('Also', 'also'),
  row({
    name: 'DefaultInstance', section: 'Install',
    schema: grammar('instance name', (v) => (isValidUnitName(`x@${v}.service`) ? v : undefined)),
    support: 'implemented', specifiers: 'value',
    apply: (u, v) => { (u.install as InstallSection).defaultInstance = v; },
    reset: (u) => { delete u.install.defaultInstance; },
  }),
];
