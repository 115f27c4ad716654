// Start order follows After=/Requires=, stop order is its exact reverse, independent units
// stop in parallel; a clean stop exits 0. Each unit records its own events in a file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { script } from '../helpers/fixtures.js';
import { eventually, service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

function events(dir: string): string[] {
  try {
    return readFileSync(join(dir, 'events'), 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('boot and shutdown order', () => {
  it('starts after After=/Requires= and stops in exact reverse order, then exits 0', async () => {
    tsd = new TsdProcess({
      units: (dir) => {
        const ev = join(dir, 'events');
        const oneshot = (name: string, deps: string) => service({
          unit: deps,
          service: `Type=oneshot\nRemainAfterExit=yes\nExecStart=/bin/sh -c 'echo start-${name} >> ${ev}'\nExecStop=/bin/sh -c 'echo stop-${name} >> ${ev}'`,
        });
        return {
          // Written in an order that is not the dependency order.
          'd.service': oneshot('d', 'After=c.service'),
          'b.service': oneshot('b', 'Requires=a.service\nAfter=a.service'),
          'c.service': oneshot('c', 'Requires=b.service\nAfter=b.service'),
          'a.service': oneshot('a', ''),
        };
      },
    });
    await tsd.waitFor('Startup finished');
    expect(events(tsd.dir)).toEqual(['start-a', 'start-b', 'start-c', 'start-d']);
    tsd.signal('SIGTERM');
    const exit = await tsd.exited;
    expect(events(tsd.dir)).toEqual(['start-a', 'start-b', 'start-c', 'start-d', 'stop-d', 'stop-c', 'stop-b', 'stop-a']);
    expect(exit.code).toBe(0);
  });

  it('stops 20 independent services that take 200 ms each in parallel', async () => {
    tsd = new TsdProcess({
      units: (dir) => {
        const slow = script(dir, 'slow-stop.sh', `
trap 'echo "term $1 $(date +%s%N)" >> ${dir}/events; sleep 0.2; echo "exit $1 $(date +%s%N)" >> ${dir}/events; exit 0' TERM
echo "up $1" >> ${dir}/events
while :; do sleep 60 & wait $!; done`);
        return Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`slow${i}.service`,
          service({ service: `ExecStart=${slow} ${i}\nKillMode=process` })]));
      },
    });
    await tsd.waitFor('Startup finished');
    await eventually(() => events(tsd!.dir).filter((e) => e.startsWith('up')).length === 20, 20_000, '20 services up');
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
    const ev = events(tsd.dir);
    const terms = ev.filter((e) => e.startsWith('term')).map((e) => Number(e.split(' ')[2]));
    const exits = ev.filter((e) => e.startsWith('exit')).map((e) => Number(e.split(' ')[2]));
    expect(terms).toHaveLength(20);
    expect(exits).toHaveLength(20);
    // Parallel: every service had its SIGTERM before the first of them finished stopping.
    expect(Math.max(...terms)).toBeLessThan(Math.min(...exits));
  });

  it('stops a dependency chain strictly in reverse, one after the other', async () => {
    tsd = new TsdProcess({
      units: (dir) => {
        const slow = script(dir, 'chain.sh', `
trap 'echo "term $1" >> ${dir}/events; sleep 0.1; echo "exit $1" >> ${dir}/events; exit 0' TERM
echo "up $1" >> ${dir}/events
while :; do sleep 60 & wait $!; done`);
        return Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`link${i}.service`,
          service({ unit: i > 0 ? `Requires=link${i - 1}.service\nAfter=link${i - 1}.service` : '', service: `ExecStart=${slow} ${i}\nKillMode=process` })]));
      },
    });
    await tsd.waitFor('Startup finished');
    await eventually(() => events(tsd!.dir).filter((e) => e.startsWith('up')).length === 5, 20_000, 'chain up');
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
    const stops = events(tsd.dir).filter((e) => !e.startsWith('up'));
    expect(stops).toEqual(['term 4', 'exit 4', 'term 3', 'exit 3', 'term 2', 'exit 2', 'term 1', 'exit 1', 'term 0', 'exit 0']);
  });

  it('reports an ordering cycle as systemd does and still boots', async () => {
    tsd = new TsdProcess({
      units: {
        'x.service': service({ unit: 'After=y.service', service: 'ExecStart=/bin/sleep 1000' }),
        'y.service': service({ unit: 'After=x.service', service: 'ExecStart=/bin/sleep 1000' }),
      },
    });
    await tsd.waitFor('Startup finished');
    await tsd.waitFor(/Found ordering cycle on/);
    await tsd.waitFor(/Job [xy]\.service\/start deleted to break ordering cycle/);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});
