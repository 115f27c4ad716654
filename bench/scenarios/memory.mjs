// Memory: RSS and PSS of the init and its helper processes (everything in the
// namespace that is not a workload process) once all services run.
import { boot, services, sleep, failed } from './common.mjs';
import { memory } from '../harness/proc.mjs';

export default {
  name: 'memory',
  title: 'Memory: RSS and PSS of the init and its helpers',
  how: 'After every service has recorded `start` and a settle time, sums Rss and Pss from /proc/PID/smaps_rollup over every process of the namespace that is not a workload process (the init and its helpers: runsv, s6-supervise, ...). The `node -e 0` floor is an idle bare Node process (no services) as PID 1.',
  inits: ['tsd', 'tsd-wrap', 'tini', 'dumb-init', 'catatonit', 'supervisord', 'runit', 's6', 'systemctl', 'node'],
  variants: (opts) => [...(opts.quick ? [] : [{ id: '1 service', n: 1 }]), { id: '50 services', n: 50 }],
  figures: [
    { key: 'rss', label: 'RSS (MiB)', digits: 1 },
    { key: 'pss', label: 'PSS (MiB)', digits: 1 },
  ],
  async round(key, adapter, v, opts) {
    const b = await boot(key, adapter, (ev) => services(ev, v.n), { scenario: 'memory', timeoutMs: 60000 });
    if (b.na) return b;
    const { run } = b;
    try {
      if (!b.ok) return failed(run, 'services did not all start');
      await sleep(opts.quick ? 500 : 1000);
      const { init } = await run.nsProcs();
      let rss = 0, pss = 0;
      for (const p of init) { const m = memory(p); rss += m.rss; pss += m.pss; }
      return { figures: { rss: rss / 1024, pss: pss / 1024 }, notes: { processes: init.length } };
    } finally { await run.cleanup(); }
  },
};
