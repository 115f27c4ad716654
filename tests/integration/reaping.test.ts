// Zombies: every orphan is reaped, as PID 1 and as a child subreaper (not PID 1).
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cFixture } from '../helpers/fixtures.js';
import { eventually, service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

for (const pid1 of [true, false]) {
  describe(pid1 ? 'as PID 1' : 'as a child subreaper', () => {
    it('reaps a double-forked orphan', async () => {
      tsd = new TsdProcess({
        pid1,
        units: { 'forker.service': service({ service: `Type=oneshot\nRemainAfterExit=yes\nExecStart=/bin/sh -c '(sh -c "sleep 0.3; exit 0" &) ; echo forked'` }) },
      });
      await tsd.waitFor('forked');
      await eventually(() => tsd!.processes().some((p) => p.comm === 'sleep') || undefined, 5000, 'orphan running');
      await eventually(() => tsd!.processes().length === 0, 10_000, 'orphan reaped');
      expect(tsd.zombies()).toBe(0);
      const tsdPid = tsd.tsdPid();
      tsd.signal('SIGTERM');
      expect((await tsd.exited).code).toBe(0);
      expect(tsd.lines.some((l) => /Reaped [1-9]\d* orphaned process/.test(l))).toBe(true);
      // Not PID 1, tsd shares the host's /run: the directory of its notify socket is gone.
      if (!pid1) expect(existsSync(`/run/tsd-${tsdPid}`)).toBe(false);
    });

    it('reaps 10,000 orphans made in a burst and leaves no zombie', async () => {
      const orphans = cFixture('orphans');
      tsd = new TsdProcess({
        pid1,
        units: { 'burst.service': service({ service: `Type=oneshot\nRemainAfterExit=yes\nExecStart=${orphans} 10000 300\nExecStartPost=/bin/echo burst made` }) },
      });
      await tsd.waitFor('burst made', 60_000);
      await eventually(() => tsd!.processes().length === 0, 60_000, 'all orphans reaped');
      expect(tsd.zombies()).toBe(0);
      tsd.signal('SIGTERM');
      expect((await tsd.exited).code).toBe(0);
      const reaped = tsd.lines.map((l) => /Reaped (\d+) orphaned process/.exec(l)?.[1]).find(Boolean);
      expect(Number(reaped)).toBeGreaterThanOrEqual(10_000);
    });
  });
}
