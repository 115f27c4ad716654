// Shutdown of 20 services that each take 200 ms to exit on SIGTERM,
// independent and as a dependency chain.
import { boot, services, chain, failed } from './common.mjs';

export default {
  name: 'shutdown',
  title: 'Shutdown: services that take 200 ms each to exit on SIGTERM',
  how: 'SIGTERM to PID 1 (`kill` timestamp) to the exit of unshare (`exit` timestamp). Each service records `term` when it gets SIGTERM and `stop` 200 ms later. In the chain s001 <- s002 <- ... <- s019 (each After= and Requires= the previous one), reverse order is kept when every service got SIGTERM only after the service that depends on it recorded `stop`. Graceful: how many recorded `stop`. 20 services (quick mode: 10).',
  inits: ['tsd', 'supervisord', 'runit', 's6', 'systemctl'],
  variants: (opts) => (opts.quick ? [{ id: '10 independent', n: 10, chain: false }, { id: 'chain of 10', n: 10, chain: true }]
    : [{ id: '20 independent', n: 20, chain: false }, { id: 'chain of 20', n: 20, chain: true }]),
  figures: [{ key: 'ms', label: 'SIGTERM to exit of PID 1 (ms)' }],
  async round(key, adapter, v) {
    const make = (ev) => (v.chain ? chain(ev, v.n, ['-t', 200]) : services(ev, v.n, { args: ['-t', 200] }));
    const b = await boot(key, adapter, make, { scenario: 'shutdown', timeoutMs: 30000 });
    if (b.na) return b;
    const { run, names } = b;
    try {
      if (!b.ok) return failed(run, 'services did not all start');
      const ready = await run.catchesTerm();
      await run.kill('SIGTERM');
      const byItself = await run.waitExit(v.n * 200 * 2 + 5000);
      await run.events.waitFor((es) => es.find((e) => e.kind === 'exit'), 2000);
      const kill = run.events.find('kill'), exit = run.events.find('exit');
      const stops = names.filter((n) => run.events.find('stop', n)).length;
      const notes = { ...(ready ? {} : { warning: 'PID 1 never caught SIGTERM' }), 'exit code': byItself ? Number(exit.extra.code) : 'hung: SIGKILL', graceful: `${stops}/${v.n}` };
      if (v.chain) {
        let kept = stops === v.n;
        for (let i = 0; kept && i + 1 < names.length; i++) {
          const term = run.events.find('term', names[i]);
          const depStop = run.events.find('stop', names[i + 1]);
          if (!term || !depStop || term.t < depStop.t) kept = false;
        }
        notes['reverse order'] = kept ? 'yes' : 'no';
      }
      return { figures: { ms: byItself ? exit.t - kill.t : null }, notes };
    } finally { await run.cleanup(); }
  },
};
