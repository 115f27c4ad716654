// Idle: CPU time and wakeups of the init and its helpers with 50 idle services.
import { boot, services, failed, sleep } from './common.mjs';
import { cpuAllThreads } from '../harness/proc.mjs';

export default {
  name: 'idle',
  budgetMs: 60000, // each round is a 10 s window: 5 rounds of the usual inits fit
  title: 'Idle: CPU time and wakeups with 50 idle services',
  how: 'After every service has started and a settle time of 1 s, reads CPU time (/proc/PID/task/*/schedstat, ns) and context switches (voluntary + involuntary, /proc/PID/task/*/status) of every non-workload process of the namespace, waits the window (10 s, quick mode 1 s), and reads them again. Wakeups are the context switches in the window. An idle init should have 0 of both.',
  inits: ['tsd', 'supervisord', 'runit', 's6', 'systemctl', 'node'],
  variants: (opts) => [{ id: `50 services, ${opts.quick ? 1 : 10} s`, n: 50, windowMs: opts.quick ? 1000 : 10000 }],
  figures: [
    { key: 'cpu', label: 'CPU time in window (ms)', digits: 2 },
    { key: 'wakeups', label: 'wakeups in window', digits: 0 },
  ],
  async round(key, adapter, v, opts) {
    const b = await boot(key, adapter, (ev) => services(ev, v.n), { scenario: 'idle', timeoutMs: 60000 });
    if (b.na) return b;
    const { run } = b;
    try {
      if (!b.ok) return failed(run, 'services did not all start');
      await sleep(opts.quick ? 500 : 1000);
      const { init } = await run.nsProcs();
      const before = init.map(cpuAllThreads);
      await sleep(v.windowMs);
      const after = init.map(cpuAllThreads);
      let cpu = 0, wakeups = 0;
      for (let i = 0; i < init.length; i++) {
        cpu += after[i].ns - before[i].ns;
        wakeups += after[i].vol + after[i].invol - before[i].vol - before[i].invol;
      }
      return { figures: { cpu: cpu / 1e6, wakeups }, notes: { processes: init.length } };
    } finally { await run.cleanup(); }
  },
};
