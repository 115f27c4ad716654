// supervisord: one [program:x] section per service; output copied to its own
// stdout (stdout_logfile=/dev/stdout). No dependencies, but `priority` orders
// start (low first) and stop (high first), so a chain or layers map to
// priorities by depth.
import { join } from 'node:path';
import { cmd, write, which, debVersion, depths } from './common.mjs';

export default {
  name: 'supervisord', kind: 'init', binary: 'supervisord', pkg: 'supervisor',
  version: () => debVersion('supervisor'),
  available: () => (which('supervisord') ? true : 'supervisord not installed (run bench/setup.sh)'),
  prepare(w, dir) {
    const depth = depths(w);
    let conf = `[supervisord]
nodaemon=true
user=root
logfile=${join(dir, 'supervisord.log')}
pidfile=${join(dir, 'supervisord.pid')}
childlogdir=${dir}
loglevel=warn
minfds=8192
minprocs=2048
`;
    for (const s of w.services) {
      conf += `
[program:${s.name}]
command=${cmd(s.argv)}
autostart=true
autorestart=false
startsecs=0
startretries=0
stopsignal=TERM
stopwaitsecs=${w.stopTimeoutSec}
killasgroup=true
priority=${100 + depth.get(s.name)}
stdout_logfile=/dev/stdout
stdout_logfile_maxbytes=0
redirect_stderr=true
`;
    }
    const path = join(dir, 'supervisord.conf');
    write(path, conf);
    return { argv: ['supervisord', '-n', '-c', path] };
  },
};
