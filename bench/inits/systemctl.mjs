// docker-systemctl-replacement (Debian package "systemctl"), run as PID 1 in
// its init mode over real .service files under --root. The package conflicts
// with systemd, so setup.sh extracts it into bench/.work/systemctl instead of
// installing it.
import { join } from 'node:path';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdir } from './common.mjs';
import { writeUnits } from './units.mjs';
import { WORK } from '../harness/ns.mjs';

const SCRIPT = join(WORK, 'systemctl/usr/bin/systemctl');
const PY = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export default {
  name: 'systemctl', kind: 'init', binary: SCRIPT, pkg: 'systemctl',
  // it sleeps 0.5 s (MinimumYield) after starting each simple service, one by one
  startCostMs: 500,
  version() {
    try { return readFileSync(join(WORK, 'systemctl/VERSION'), 'utf8').trim(); } catch { return 'unknown'; }
  },
  available: () => (existsSync(SCRIPT) ? true : 'not extracted (run bench/setup.sh)'),
  prepare(w, dir) {
    const root = join(dir, 'root');
    const sys = join(root, 'etc/systemd/system');
    const wants = join(sys, 'multi-user.target.wants');
    mkdir(wants);
    writeUnits(w, sys);
    for (const s of w.services) symlinkSync(join(sys, `${s.name}.service`), join(wants, `${s.name}.service`));
    return { argv: [PY, SCRIPT, `--root=${root}`, 'init'] };
  },
};
