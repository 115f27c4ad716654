// Supervision as PID 1: stop timeouts escalate to SIGKILL, Restart=always brings a killed
// service back, a missing binary fails only its own unit, Type=notify waits for READY=1.
import { afterEach, describe, expect, it } from 'vitest';
import { script } from '../helpers/fixtures.js';
import { eventually, service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

describe('supervision', () => {
  it('SIGKILLs a service that ignores SIGTERM after its TimeoutStopSec, then completes the shutdown (exit 3)', async () => {
    tsd = new TsdProcess({
      units: {
        'stubborn.service': service({ service: `ExecStart=/bin/sh -c 'trap "" TERM; echo ignoring TERM; while :; do sleep 1; done'\nTimeoutStopSec=1` }),
        'polite.service': service({ service: 'ExecStart=/bin/sleep 1000' }),
      },
    });
    await tsd.waitFor('stubborn.service[');
    tsd.signal('SIGTERM');
    const exit = await tsd.exited;
    expect(tsd.lines.some((l) => l.includes("stubborn.service: State 'stop-sigterm' timed out. Killing."))).toBe(true);
    expect(tsd.lines.some((l) => l.includes('Stopped polite.service'))).toBe(true);
    expect(exit.code).toBe(3);
  });

  it('a second SIGTERM during shutdown does not restart it', async () => {
    tsd = new TsdProcess({
      units: { 'slow.service': service({ service: `ExecStart=/bin/sh -c 'trap "" TERM; echo ignoring TERM; while :; do sleep 1; done'\nTimeoutStopSec=2` }) },
    });
    // Only once the shell has set its trap: a SIGTERM before that would end it at once.
    await tsd.waitFor('ignoring TERM');
    tsd.signal('SIGTERM');
    await tsd.waitFor('stopping all units');
    tsd.signal('SIGTERM');
    const exit = await tsd.exited;
    expect(tsd.lines.filter((l) => l.includes('stopping all units'))).toHaveLength(1);
    expect(tsd.lines.some((l) => l.includes('during shutdown, already stopping'))).toBe(true);
    expect(exit.code).toBe(3);
  });

  it('Restart=always brings a killed service back', async () => {
    tsd = new TsdProcess({
      units: { 'phoenix.service': service({ service: 'ExecStart=/bin/sleep 1000\nRestart=always\nRestartSec=100ms' }) },
    });
    await tsd.waitFor('Started phoenix.service');
    const first = await eventually(() => tsd!.processes().find((p) => p.comm === 'sleep'), 10_000, 'sleep running');
    process.kill(first.pid, 'SIGKILL');
    await tsd.waitFor('phoenix.service: Main process exited, code=killed, status=9/KILL');
    await tsd.waitFor('phoenix.service: Scheduled restart job, restart counter is at 1.');
    const second = await eventually(() => tsd!.processes().find((p) => p.comm === 'sleep' && p.pid !== first.pid), 10_000, 'restarted');
    expect(second.pid).not.toBe(first.pid);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });

  it('a missing binary fails that unit with a clear message while the others run', async () => {
    tsd = new TsdProcess({
      units: {
        'broken.service': service({ service: 'ExecStart=/nonexistent/daemon --flag' }),
        'healthy.service': service({ service: `ExecStart=/bin/sh -c 'echo healthy and running; exec sleep 1000'` }),
      },
    });
    await tsd.waitFor('Startup finished');
    await tsd.waitFor('healthy and running');
    expect(tsd.lines.some((l) => l.includes('broken.service: Failed to execute /nonexistent/daemon: No such file or directory'))).toBe(true);
    expect(tsd.lines.some((l) => l.includes('broken.service: Main process exited, code=exited, status=203/EXEC'))).toBe(true);
    expect(tsd.lines.some((l) => /Startup finished; failed units: broken\.service/.test(l))).toBe(true);
    expect(tsd.processes().some((p) => p.comm === 'sleep')).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });

  it('Type=notify becomes active on READY=1 sent to $NOTIFY_SOCKET, with STATUS= and MAINPID=', async () => {
    tsd = new TsdProcess({
      units: (dir) => {
        const notifier = script(dir, 'notifier.py', `exec python3 - <<'PY'
import os, socket, time
time.sleep(0.3)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.sendto(b"STATUS=warming up", os.environ["NOTIFY_SOCKET"])
s.sendto(b"garbage-without-equals", os.environ["NOTIFY_SOCKET"])
s.sendto(("READY=1\\nSTATUS=ready\\nMAINPID=%d" % os.getpid()).encode(), os.environ["NOTIFY_SOCKET"])
print("notified", flush=True)
time.sleep(1000)
PY`);
        return {
          'notified.service': service({ service: `Type=notify\nExecStart=${notifier}` }),
          'after-notify.service': service({ unit: 'After=notified.service\nRequires=notified.service', service: `ExecStart=/bin/sh -c 'echo after notify; exec sleep 1000'` }),
        };
      },
    });
    await tsd.waitFor('Started after-notify.service');
    const startedNotified = tsd.lines.findIndex((l) => l.includes('Started notified.service'));
    expect(startedNotified).toBeGreaterThan(-1);
    // after-notify is ordered after notified: it starts only once READY=1 arrived.
    await tsd.waitFor('after notify');
    expect(startedNotified).toBeLessThan(tsd.lines.findIndex((l) => l.includes('after notify')));
    expect(tsd.lines.some((l) => l.includes('Got invalid notification message') && l.includes('garbage-without-equals'))).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });

  it('a signal during boot cancels the boot and stops what started', async () => {
    tsd = new TsdProcess({
      units: {
        'slowstart.service': service({ service: 'ExecStartPre=/bin/sleep 30\nExecStart=/bin/sleep 1000' }),
        'fast.service': service({ service: 'ExecStart=/bin/sleep 1000' }),
        'waiting.service': service({ unit: 'After=slowstart.service', service: 'ExecStart=/bin/sleep 1000' }),
      },
    });
    await tsd.waitFor('Starting slowstart.service');
    await tsd.waitFor('Started fast.service');
    tsd.signal('SIGTERM');
    const exit = await tsd.exited;
    expect(exit.code).toBe(0);
    expect(tsd.lines.some((l) => l.includes('Started waiting.service'))).toBe(false);
    expect(tsd.lines.some((l) => l.includes('Stopped fast.service'))).toBe(true);
  });
});
