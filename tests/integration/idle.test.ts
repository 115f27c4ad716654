// An idle tsd sleeps: once boot is over and nothing happens, no timer, poll or background
// task wakes it (SIGCHLD, fds and timers that units asked for are its only alarms).
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { service, TsdProcess } from '../helpers/tsd-process.js';

let tsd: TsdProcess | undefined;
afterEach(() => tsd?.kill());

/** Context switches of every thread of a process: each one is a wakeup. */
function wakeups(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    for (const m of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)) total += Number(m[1]);
  }
  return total;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('idle', () => {
  it('does not wake up while its services idle', async () => {
    const units: Record<string, string> = {};
    for (let i = 0; i < 10; i++) units[`idle${i}.service`] = service({ service: 'ExecStart=/bin/sleep 1000' });
    tsd = new TsdProcess({ units });
    await tsd.waitFor('Startup finished');
    await sleep(1000); // past the one collection that follows boot (run-daemon.ts)
    const pid = tsd.tsdPid();
    const before = wakeups(pid);
    await sleep(3000);
    expect(wakeups(pid) - before).toBe(0);
    tsd.signal('SIGTERM');
    expect((await tsd.exited).code).toBe(0);
  });
});
