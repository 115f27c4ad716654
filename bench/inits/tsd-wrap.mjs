// tsd in wrapper mode, `bin/tsd --unit-path EMPTY -- CMD ARGS` (like tini: runs
// CMD, exits with its code). The empty unit path keeps it from loading the
// host's units.
import { join } from 'node:path';
import { mkdir } from './common.mjs';
import tsd from './tsd.mjs';

export default {
  name: 'tsd --', kind: 'init', binary: tsd.binary,
  version: () => 'wrapper mode',
  available: () => tsd.available(),
  prepare(w, dir) {
    if (w.services.length !== 1) return { na: 'wrapper mode runs one program' };
    const units = join(dir, 'units');
    mkdir(units);
    return { argv: [tsd.binary, '--unit-path', units, '--', ...w.services[0].argv] };
  },
};
