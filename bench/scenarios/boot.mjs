// Boot: time until all of N services run, independent and layered.
import { boot, services, failed } from './common.mjs';

const LAYERS = 5;
export default {
  name: 'boot',
  title: 'Boot: time until all services run',
  how: `From the exec of the init to the last service's \`start\` timestamp. Layered: ${LAYERS} layers, each service After= and Requires= every service of the layer below (supervisord gets the layers as priorities). Order kept: every service started after all of its dependencies.`,
  inits: ['tsd', 'supervisord', 'runit', 's6', 'systemctl'],
  variants: (opts) => [
    { id: '50 independent', n: 50, layers: 1 },
    { id: '50 in 5 layers', n: 50, layers: LAYERS },
    ...(opts.quick ? [] : [{ id: '500 independent', n: 500, layers: 1 }, { id: '500 in 5 layers', n: 500, layers: LAYERS }]),
  ],
  figures: [{ key: 'ms', label: 'exec to all services running (ms)' }],
  async round(key, adapter, v, opts) {
    const limit = opts.quick ? 20000 : 40000;
    const b = await boot(key, adapter, (ev) => services(ev, v.n, { layers: v.layers }), { scenario: 'boot', timeoutMs: limit });
    if (b.na) return b;
    const { run, workload } = b;
    try {
      if (!b.ok) {
        const n = new Set(run.events.all('start').map((e) => e.name)).size;
        return { figures: {}, notes: { timeout: `${n}/${v.n} running after ${limit / 1000} s` } };
      }
      const exec = run.events.find('exec');
      const start = new Map();
      for (const e of run.events.all('start')) if (!start.has(e.name)) start.set(e.name, e.t);
      const last = Math.max(...start.values());
      const notes = {};
      if (v.layers > 1) {
        const kept = workload.services.every((s) => s.after.every((d) => start.get(d) <= start.get(s.name)));
        notes['order kept'] = kept ? 'yes' : 'no';
      }
      return { figures: { ms: last - exec.t }, notes };
    } finally { await run.cleanup(); }
  },
};
