// A unit that cannot run fails alone, in systemd's words, while the others run: an unknown
// User=, a broken unit file; and Restart=on-failure brings back exactly the failures it names,
// until the start limit stops a crash loop.
import { afterEach, describe, expect, it } from 'vitest';
import { script } from '../helpers/fixtures.js';
import { eventually, service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());


const healthy = service({ service: `ExecStart=/bin/sh -c 'echo healthy and running; exec sleep 1000'` });

describe('a unit that cannot run', () => {
  it('User=nosuchuser fails that unit with status=217/USER and a clear message while the others run', async () => {
    tsd = new TsdProcess({
      units: {
        'nobody-here.service': service({ service: 'User=nosuchuser\nExecStart=/bin/sleep 1000' }),
        'healthy.service': healthy,
      },
    });
    await tsd.waitFor('Startup finished');
    await tsd.waitFor('healthy and running');
    expect(tsd.has("nobody-here.service: Failed to determine user credentials: no such user 'nosuchuser'")).toBe(true);
    expect(tsd.has('nobody-here.service: Main process exited, code=exited, status=217/USER')).toBe(true);
    expect(tsd.has("nobody-here.service: Failed with result 'exit-code'.")).toBe(true);
    expect(tsd.has('Startup finished; failed units: nobody-here.service.')).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });

  it('a broken unit file shows file:line: message in the stream, before its start, while the others run', async () => {
    tsd = new TsdProcess({
      units: {
        'broken.service': '[Unit]\nDescription=Broken but loadable\nthis is not a directive\n[Service]\n'
          + "ExecStart=/bin/sh -c 'echo broken still runs; exec sleep 1000'\nRestart=sometimes\n[Install]\nWantedBy=multi-user.target\n",
        'unloadable.service': '[Service]\nExecStart=relative/path\n[Install]\nWantedBy=multi-user.target\n',
        'healthy.service': healthy,
      },
    });
    await tsd.waitFor('Startup finished');
    await tsd.waitFor('healthy and running');
    await tsd.waitFor('broken still runs');
    const file = (name: string) => `${tsd!.unitDir}/${name}`;
    expect(tsd.lineIndex(`${file('broken.service')}:3: Missing '=', ignoring line.`)).toBeGreaterThan(-1);
    expect(tsd.lineIndex(`${file('broken.service')}:6: Failed to parse Restart= value 'sometimes'`)).toBeGreaterThan(-1);
    expect(tsd.lineIndex(`${file('broken.service')}:6:`)).toBeLessThan(tsd.lineIndex('Starting broken.service'));
    expect(tsd.lineIndex(`${file('unloadable.service')}:2: Neither a valid executable name nor an absolute path: relative/path`)).toBeGreaterThan(-1);
    expect(tsd.has('unloadable.service: Unit configuration has fatal error, unit will not be started.')).toBe(true);
    expect(tsd.has('Starting unloadable.service')).toBe(false);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});

describe('Restart=on-failure', () => {
  it('restarts after exit 1, SIGSEGV and a SIGKILL from someone else, not after exit 0', async () => {
    tsd = new TsdProcess({
      units: (dir) => {
        // Each start does the next thing on the list; the count survives restarts in a file.
        const flaky = script(dir, 'flaky.sh', `n=$(cat ${dir}/runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${dir}/runs
echo "run $n"
case $n in
  1) exit 1 ;;
  2) kill -SEGV $$ ;;
  3) echo "waiting to be killed"; exec sleep 1000 ;;
  *) exit 0 ;;
esac`);
        return { 'flaky.service': service({ service: `ExecStart=${flaky}\nRestart=on-failure\nRestartSec=50ms` }) };
      },
    });
    await tsd.waitFor('flaky.service: Main process exited, code=exited, status=1/FAILURE');
    await tsd.waitFor('flaky.service: Scheduled restart job, restart counter is at 1.');
    await tsd.waitFor(/flaky\.service: Main process exited, code=(dumped|killed), status=11\/SEGV/);
    await tsd.waitFor('flaky.service: Scheduled restart job, restart counter is at 2.');
    await tsd.waitFor('waiting to be killed');
    const sleeper = await eventually(() => tsd!.processes().find((p) => p.comm === 'sleep'), 5000, 'run 3 sleeping');
    process.kill(sleeper.pid, 'SIGKILL');
    await tsd.waitFor('flaky.service: Main process exited, code=killed, status=9/KILL');
    await tsd.waitFor('flaky.service: Scheduled restart job, restart counter is at 3.');
    await tsd.waitFor('run 4');
    await tsd.waitFor('flaky.service: Deactivated successfully.');
    // Exit 0 is no failure: no 4th restart. Nothing announces a restart that does not come,
    // so this is the one wait on the clock: six times RestartSec=.
    await new Promise((r) => setTimeout(r, 300));
    expect(tsd.has('restart counter is at 4')).toBe(false);
    expect(tsd.unitLines('flaky.service').filter((l) => l.startsWith('run '))).toEqual(['run 1', 'run 2', 'run 3', 'run 4']);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });

  it('the start limit stops a crash loop with systemd\'s message', async () => {
    tsd = new TsdProcess({
      units: {
        'crashloop.service': service({
          unit: 'StartLimitBurst=3\nStartLimitIntervalSec=30',
          service: `ExecStart=/bin/sh -c 'echo crashing; exit 1'\nRestart=on-failure\nRestartSec=20ms`,
        }),
        'healthy.service': healthy,
      },
    });
    await tsd.waitFor('crashloop.service: Start request repeated too quickly.');
    await tsd.waitFor("crashloop.service: Failed with result 'start-limit-hit'.");
    expect(tsd.unitLines('crashloop.service').filter((l) => l === 'crashing')).toHaveLength(3);
    expect(tsd.has('restart counter is at 3')).toBe(true);
    expect(tsd.processes().some((p) => p.comm === 'sleep')).toBe(true);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});
