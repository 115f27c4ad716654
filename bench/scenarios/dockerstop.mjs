// docker stop: SIGTERM to PID 1 with one service; docker's SIGKILL after a
// grace period if PID 1 is still there.
import { boot, svc, failed, sleep, watchService } from './common.mjs';

// docker stop comes to a running container: whatever an init still does right after its first
// service started (the rest of its boot) is boot time, not stop time.
const SETTLE_MS = 500;

export default {
  name: 'dockerstop',
  title: 'docker stop: SIGTERM to PID 1 with one service',
  how: 'One service: either it takes 100 ms to exit on SIGTERM, or it ignores SIGTERM. SIGTERM comes ' + SETTLE_MS + ' ms after the service started and PID 1 catches SIGTERM, as docker stop comes to a running container, not to one still booting. Every init is given a stop timeout of 1 s where it has one (TimeoutStopSec=1, stopwaitsecs=1, timeout-kill). `bw kill` records `kill` and sends SIGTERM to the namespace\'s PID 1; `bw run` records `exit` (with the exit code) when unshare returns, and like docker we SIGKILL PID 1 if it is still there after the grace period. For the service that ignores SIGTERM, `bw watch` (outside the namespace, pidfd) records when it dies and whether PID 1 was still alive then (the init escalated to SIGKILL) or already exiting (it was killed with the namespace when PID 1 left).',
  inits: ['tsd', 'tsd-wrap', 'tini', 'dumb-init', 'catatonit', 'supervisord', 'runit', 's6', 'systemctl', 'none'],
  variants: (opts) => [
    // ~10 s a round for all inits: 11 rounds, since a VM stall in one of 5 moved tsd's median
    // by 6 ms (105.6-133.7 ms against tini's 101.0-102.4, one run).
    { id: 'service takes 100 ms to stop', args: ['-t', 100], graceMs: opts.quick ? 2500 : 3000, fullRounds: 11 },
    { id: 'service ignores SIGTERM', args: ['-i'], ignore: true, graceMs: opts.quick ? 2500 : 3000 },
  ],
  figures: [{ key: 'ms', label: 'SIGTERM to exit of PID 1 (ms)', digits: 1 }],
  async round(key, adapter, v) {
    const b = await boot(key, adapter, (ev) => [svc(ev, 'a', v.args)], { scenario: 'dockerstop', timeoutMs: 20000 });
    if (b.na) return b;
    const { run } = b;
    try {
      if (!b.ok) return failed(run, 'service never started');
      if (v.ignore) await watchService(run, 'a');
      const ready = await run.catchesTerm();
      await sleep(SETTLE_MS);
      await run.kill('SIGTERM');
      const byItself = await run.waitExit(v.graceMs);
      run.events.pump();
      await run.events.waitFor((es) => es.find((e) => e.kind === 'exit'), 2000);
      const kill = run.events.find('kill'), exit = run.events.find('exit');
      const notes = { ...(ready ? {} : { warning: 'PID 1 never caught SIGTERM' }), 'exit code': byItself ? Number(exit.extra.code) : `SIGKILL by docker at ${v.graceMs / 1000} s` };
      if (v.ignore) {
        if (byItself) await run.events.waitFor((es) => es.find((e) => e.kind === 'died'), 1000);
        const died = run.events.find('died', 'a');
        notes['service'] = !byItself ? 'left running (init waits)'
          : died?.extra.by === 'init' ? `SIGKILLed by the init ~${((died.t - kill.t) / 1000).toFixed(1)} s after SIGTERM`
          : died?.extra.by === 'exit' ? 'not stopped: killed when PID 1 exited'
          : 'unknown';
      } else {
        notes['service'] = run.events.find('stop', 'a') ? 'stopped gracefully' : 'killed before finishing';
      }
      return { figures: { ms: byItself ? exit.t - kill.t : null }, notes };
    } finally { await run.cleanup(); }
  },
};
