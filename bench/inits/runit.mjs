// runit: runsvdir as PID 1 over a service directory, one ./run script per
// service (runsv per service). runit has no dependency ordering.
import { join } from 'node:path';
import { cmd, write, mkdir, which, debVersion, hasDeps } from './common.mjs';

export default {
  name: 'runsvdir', kind: 'init', binary: 'runsvdir', pkg: 'runit',
  version: () => debVersion('runit'),
  available: () => (which('runsvdir') ? true : 'runsvdir not installed (run bench/setup.sh)'),
  prepare(w, dir) {
    if (hasDeps(w)) return { na: 'no dependency ordering in runit' };
    const sv = join(dir, 'service');
    mkdir(sv);
    for (const s of w.services) {
      mkdir(join(sv, s.name));
      write(join(sv, s.name, 'run'), `#!/bin/sh\nexec ${cmd(s.argv)}\n`, 0o755);
    }
    return { argv: ['runsvdir', sv] };
  },
};
