// ".wants/" and ".requires/" directories (systemd.unit(5)): a symlink "foo.service" in
// "bar.target.wants/" adds Wants=foo.service to bar.target, in every search-path directory, for
// every name of the unit and for its template ("foo@.service.wants/"); a template entry there is
// instantiated with the unit's instance.

import type { Unit } from './model.js';
import type { UnitDirectories } from './unit-directories.js';
import { instantiate, parseUnitName, templateOf } from './unit-name.js';

export function addWantsDirectories(dirs: UnitDirectories, u: Unit): void {
  const names = [...u.names];
  const tpl = templateOf(u.name);
  if (tpl) names.push(tpl);
  for (const dir of dirs.dirs) {
    for (const n of names) {
      for (const [suffix, list] of [['.wants', u.unit.wants], ['.requires', u.unit.requires]] as const) {
        for (const e of dirs.listSub(dir, `${n}${suffix}`).values()) {
          if (e.kind !== 'symlink' && e.kind !== 'file') continue;
          const p = parseUnitName(e.name);
          if (!p) continue;
          let dep = e.name;
          if (p.instance === '') {
            if (!u.instance) continue;
            dep = instantiate(e.name, u.instance);
          }
          if (dep !== u.name && !list.includes(dep)) list.push(dep);
        }
      }
    }
  }
}
