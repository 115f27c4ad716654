// tsd: `bin/tsd --unit-path DIR` as PID 1 over real .service files with
// [Install] WantedBy=multi-user.target (enabled automatically).
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdir } from './common.mjs';
import { writeUnits } from './units.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/tsd');

export default {
  name: 'tsd', kind: 'init', binary: BIN,
  version() {
    const r = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
    return `git ${r.stdout.trim() || '?'}`;
  },
  available() {
    if (!existsSync(BIN)) return 'bin/tsd missing';
    const r = spawnSync(BIN, ['--help'], { encoding: 'utf8', timeout: 10000 });
    if (r.status !== 0 && /Cannot find module|ERR_MODULE_NOT_FOUND/.test(r.stderr ?? '')) return 'bin/tsd does not run yet (not built: npm run build)';
    return true;
  },
  prepare(w, dir) {
    const units = join(dir, 'units');
    mkdir(units);
    writeUnits(w, units);
    return { argv: [BIN, '--unit-path', units] };
  },
};
