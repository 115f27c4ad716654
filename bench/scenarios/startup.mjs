// Startup: exec of the init (recorded by `bw run` just before execve) to the
// first service's own "start" timestamp. One idle service.
import { boot, svc, failed } from './common.mjs';

export default {
  name: 'startup',
  title: 'Startup: exec of the init to the first service running',
  how: 'One idle service. Time from `bw run` recording the exec of `unshare` (just before execve) to the service appending its own `start` timestamp (CLOCK_REALTIME). Includes unshare, the /run tmpfs mount and `sh -c exec`, the same for every init. The `node -e 0` floor appends its `start` timestamp from its first line of JavaScript.',
  inits: ['tsd', 'tsd-wrap', 'tini', 'dumb-init', 'catatonit', 'supervisord', 'runit', 's6', 'systemctl', 'none', 'node'],
  variants: () => [{ id: '1 service' }],
  fullRounds: 15, // a round is a few ms for most inits (supervisord and runsvdir: ~1 s)
  figures: [{ key: 'ms', label: 'exec to first service running (ms)' }],
  async round(key, adapter) {
    const b = await boot(key, adapter, (ev) => [svc(ev, 'a')], { scenario: 'startup', timeoutMs: 20000 });
    if (b.na) return b;
    const { run } = b;
    try {
      if (!b.ok) return failed(run, 'service never started');
      const exec = run.events.find('exec');
      const first = run.events.all('start').reduce((m, e) => (m && m.t <= e.t ? m : e), null);
      return { figures: { ms: first.t - exec.t } };
    } finally { await run.cleanup(); }
  },
};
