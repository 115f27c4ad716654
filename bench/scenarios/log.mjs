// Log throughput: services print lines as fast as they can; the init's stdout
// is a pipe read by a counting sink.
import { boot, services, failed, sleep } from './common.mjs';
import { memory } from '../harness/proc.mjs';

export default {
  name: 'log',
  title: 'Log throughput: lines through the init to its stdout',
  how: 'Services write their lines (~60 bytes, 64 KiB writes) to stdout as fast as they can. The init\'s stdout is a pipe read by the sink inside `bw run`, which counts lines containing `svcline` and records `sinkdone` when the last expected line arrives. Time: first service `start` to `sinkdone`. Lost: expected minus counted (at EOF after SIGKILL when lines are missing). Peak RSS: the sum of VmHWM over the init and its helpers. The "no init" floor is the same lines written straight into the pipe to the sink; "no init, framed lines" writes them already in tsd\'s format (`2026-11-30T03:40:00.123Z s000.service[1]: svcline ...`), so it shows what the longer lines alone cost the sink, and tsd\'s ratio to it what relaying costs.',
  inits: ['tsd', 'tsd-wrap', 'tini', 'dumb-init', 'catatonit', 'supervisord', 'runit', 's6', 'systemctl', 'none', 'none-framed'],
  variants: (opts) => [
    { id: '1 service x 1,000,000 lines', n: 1, lines: 1000000 },
    ...(opts.quick ? [] : [{ id: '4 services x 250,000 lines', n: 4, lines: 250000 }]),
  ],
  figures: [
    { key: 'ms', label: 'time for all lines (ms)' },
    { key: 'rate', label: 'lines per second', digits: 0, higher: true },
    { key: 'hwm', label: 'peak RSS of the init (MiB)', digits: 1 },
  ],
  async round(key, adapter, v, opts) {
    const limit = opts.quick ? 4000 : 10000;
    const total = v.n * v.lines;
    const b = await boot(key, adapter, (ev) => services(ev, v.n, { args: ['-l', v.lines] }), { scenario: 'log', sinkLines: total, timeoutMs: 20000 });
    if (b.na) return b;
    const { run, names } = b;
    try {
      if (!b.ok) return failed(run, 'services did not all start');
      const allDone = (es) => names.every((n) => es.find((e) => e.kind === 'logdone' && e.name === n));
      await run.events.waitFor((es) => es.find((e) => e.kind === 'sinkdone') || null, limit);
      // lines may still be missing: give the init a moment after the writers are done
      const { init } = await run.nsProcs();
      let hwm = 0;
      for (const p of init) hwm += memory(p).hwm;
      const done = run.events.find('sinkdone');
      if (!done) {
        run.hardKill();
        await run.exited;
        await run.events.waitFor((es) => es.find((e) => e.kind === 'sinkeof'), 5000);
      }
      const eof = run.events.find('sinkeof');
      const count = done ? Number(done.extra.count) : eof ? Number(eof.extra.count) : 0;
      const first = Math.min(...run.events.all('start').map((e) => e.t));
      const ms = done ? done.t - first : null;
      return {
        figures: { ms, rate: ms ? total / (ms / 1000) : null, hwm: init.length ? hwm / 1024 : 0 },
        notes: done ? { 'lines lost': Math.max(0, total - count) }
          : { 'lines lost': allDone(run.events.events) ? `${total - count} not delivered ${limit / 1000} s after start` : `writers blocked: ${count} delivered in ${limit / 1000} s` },
      };
    } finally { await run.cleanup(); }
  },
};
