// Reaping: one service makes K orphans in a burst; the service itself
// records when the burst's parent exits ("orphaned") and when kill(pid, 0)
// fails with ESRCH for every orphan ("reaped"), i.e. all zombies are gone.
import { boot, svc, failed } from './common.mjs';

const WAIT_MS = 6000;
export default {
  name: 'reaping',
  title: 'Reaping: orphans made in a burst',
  how: `One service forks a child that vfork()s K children which _exit(0) at once, then exits itself, so the K zombies are re-parented to PID 1 together. The service records \`orphaned\` when that child exits and then checks every orphan pid with kill(pid, 0) until ESRCH (checked every 50 µs), recording \`reaped\`. Figure: reaped - orphaned. Zombies left: orphans still present ${WAIT_MS / 1000} s (quick mode: 3 s) after the burst.`,
  inits: ['tsd', 'tsd-wrap', 'tini', 'dumb-init', 'catatonit', 'supervisord', 'runit', 's6', 'systemctl', 'none'],
  variants: (opts) => [{ id: '1,000 orphans', k: 1000, waitMs: opts.quick ? 3000 : WAIT_MS }, ...(opts.quick ? [] : [{ id: '10,000 orphans', k: 10000, waitMs: WAIT_MS }])],
  figures: [{ key: 'ms', label: 'time until all reaped (ms)', digits: 1 }],
  fullRounds: 11, // tens of ms for the inits that reap at once; the slow ones hit the time budget
  async round(key, adapter, v) {
    const b = await boot(key, adapter, (ev) => [svc(ev, 'a', ['-o', v.k, '-w', v.waitMs])], { scenario: 'reaping', timeoutMs: 20000 });
    if (b.na) return b;
    const { run } = b;
    try {
      if (!b.ok) return failed(run, 'service never started');
      const done = await run.events.waitFor((es) => es.find((e) => e.kind === 'reaped' || e.kind === 'unreaped'), v.waitMs + 20000);
      if (!done) return failed(run, 'no result from the orphan maker');
      const orphaned = run.events.find('orphaned');
      const left = Number(done.extra.left);
      return {
        figures: { ms: done.kind === 'reaped' ? done.t - orphaned.t : null },
        notes: { 'zombies left': left },
      };
    } finally { await run.cleanup(); }
  },
};
