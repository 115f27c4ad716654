// s6: s6-svscan as PID 1 over a scan directory, one ./run script per service
// (s6-supervise per service), ./timeout-kill for the stop timeout. s6-svscan
// has no dependency ordering (that is s6-rc's job).
import { join } from 'node:path';
import { cmd, write, mkdir, which, debVersion, hasDeps } from './common.mjs';

export default {
  name: 's6-svscan', kind: 'init', binary: 's6-svscan', pkg: 's6',
  version: () => debVersion('s6'),
  available: () => (which('s6-svscan') ? true : 's6-svscan not installed (run bench/setup.sh)'),
  prepare(w, dir) {
    if (hasDeps(w)) return { na: 'no dependency ordering in s6-svscan (s6-rc not used)' };
    const sv = join(dir, 'scandir');
    mkdir(sv);
    for (const s of w.services) {
      mkdir(join(sv, s.name));
      write(join(sv, s.name, 'run'), `#!/bin/sh\nexec ${cmd(s.argv)}\n`, 0o755);
      write(join(sv, s.name, 'timeout-kill'), `${w.stopTimeoutSec * 1000}\n`);
    }
    return { argv: ['s6-svscan', sv] };
  },
};
