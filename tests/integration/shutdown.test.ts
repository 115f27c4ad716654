// The end of a shutdown as PID 1: the final sweep of processes no unit stopped, the manager-wide
// stop timeout, and systemd's other shutdown signals (SIGRTMIN+3, SIGPWR).
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

/** Node has no name for the real-time signals: SIGRTMIN is 34 on Linux (glibc reserves 32, 33). */
const SIGRTMIN_3 = 34 + 3;


describe('shutdown', () => {
  it('the final sweep: SIGTERM to a process left behind, SIGKILL after --final-grace-sec, then exit 0', async () => {
    tsd = new TsdProcess({
      args: ['--final-grace-sec', '0.5'],
      units: {
        // KillMode=process stops the main process only: the double-forked child, which ignores
        // SIGTERM, is left for the final sweep.
        'leaver.service': service({
          service: `KillMode=process\nExecStart=/bin/sh -c '(trap "" TERM; exec sleep 1000 &); echo left one behind; exec sleep 1000'`,
        }),
      },
    });
    await tsd.waitFor('left one behind');
    await eventually(() => tsd!.processes().filter((p) => p.comm === 'sleep').length === 2 || undefined, 5000, 'both sleeps');
    const start = Date.now();
    tsd.signal('SIGTERM');
    const exit = await tsd.exited;
    const elapsed = Date.now() - start;
    expect(tsd.lineIndex('Stopped leaver.service')).toBeGreaterThan(-1);
    expect(tsd.lineIndex('Sending SIGTERM to 1 remaining process...')).toBeGreaterThan(tsd.lineIndex('Stopped leaver.service'));
    expect(tsd.lineIndex('Sending SIGKILL to 1 remaining process...')).toBeGreaterThan(tsd.lineIndex('Sending SIGTERM to 1 remaining process...'));
    // The unit itself stopped within its timeout: the sweep's SIGKILL is no stop timeout (README).
    expect(exit.code).toBe(0);
    expect(tsd.lines.some((l) => l.includes('Exiting with code 0.'))).toBe(true);
    // The grace is the only wait: 0.5 s, not the 2 s default.
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1800);
  });

  it('--default-timeout-stop-sec applies to a unit without TimeoutStopSec= (SIGKILL after it, exit 3)', async () => {
    tsd = new TsdProcess({
      args: ['--default-timeout-stop-sec', '1'],
      units: {
        'deaf.service': service({ service: `ExecStart=/bin/sh -c 'trap "" TERM; echo deaf to TERM; while :; do sleep 0.1; done'` }),
      },
    });
    await tsd.waitFor('deaf to TERM');
    const start = Date.now();
    tsd.signal('SIGTERM');
    const exit = await tsd.exited;
    const elapsed = Date.now() - start;
    expect(tsd.lines.some((l) => l.includes("deaf.service: State 'stop-sigterm' timed out. Killing."))).toBe(true);
    expect(exit.code).toBe(3);
    // 1 s, not systemd's 90 s default.
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(5000);
  });

  for (const [name, send] of [
    ['SIGRTMIN+3', (t: TsdProcess) => process.kill(t.tsdPid(), SIGRTMIN_3)],
    ['SIGPWR', (t: TsdProcess) => t.signal('SIGPWR')],
  ] as const) {
    it(`${name} shuts tsd down gracefully (exit 0)`, async () => {
      tsd = new TsdProcess({
        units: { 'sleeper.service': service({ service: `ExecStart=/bin/sh -c 'echo sleeping; exec sleep 1000'` }) },
      });
      await tsd.waitFor('Startup finished');
      await tsd.waitFor('sleeping');
      send(tsd);
      const exit = await tsd.exited;
      expect(tsd.lines.some((l) => l.includes(`Received ${name}, stopping all units...`))).toBe(true);
      expect(tsd.lines.some((l) => l.includes('Stopped sleeper.service'))).toBe(true);
      expect(exit.code).toBe(0);
    });
  }
});
