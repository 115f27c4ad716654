// The final sweep after every unit stopped, driven through the fake port: SIGTERM, SIGKILL
// after the grace, and the survivors that make tsd exit 4 (README) when SIGKILL cannot end
// them (a process in uninterruptible sleep), which no honest integration test can stage.
import { describe, expect, it } from 'vitest';
import { sweepRemainingProcesses } from '../../src/manager/final-sweep.js';
import { FakePort } from '../helpers/fake-port.js';

const SIGTERM = 15;
const SIGKILL = 9;
const SIGCONT = 18;

function sweepSetup(pids: number[]) {
  const port = new FakePort();
  for (const pid of pids) port.alive.add(pid);
  const listeners = new Set<() => void>();
  const onProcessExits = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  /** The reaper reports exits: the processes are gone, the listeners look again. */
  const exit = (...gone: number[]) => {
    for (const pid of gone) port.alive.delete(pid);
    for (const listener of [...listeners]) listener();
  };
  const log: string[] = [];
  const sweep = sweepRemainingProcesses(port, onProcessExits, 2000, (m) => log.push(m));
  return { port, exit, log, sweep, listeners };
}

describe('final sweep', () => {
  it('with nothing left it says nothing and sends nothing', async () => {
    const { sweep, log, port } = sweepSetup([]);
    expect(await sweep).toEqual({ terminated: 0, killed: 0, survivors: 0 });
    expect(log).toEqual([]);
    expect(port.signals).toEqual([]);
  });

  it('processes that end on SIGTERM end the sweep at once, with no SIGKILL', async () => {
    const { sweep, log, port, exit, listeners } = sweepSetup([200, 201]);
    expect(log).toEqual(['Sending SIGTERM to 2 remaining processes...']);
    expect(port.signals).toEqual([
      { pid: 200, signal: SIGTERM }, { pid: 200, signal: SIGCONT },
      { pid: 201, signal: SIGTERM }, { pid: 201, signal: SIGCONT },
    ]);
    exit(200);
    exit(201);
    expect(await sweep).toEqual({ terminated: 2, killed: 0, survivors: 0 });
    expect(listeners.size).toBe(0);
    port.advance(10_000);
    expect(port.signals.some((s) => s.signal === SIGKILL)).toBe(false);
  });

  it('a process that ignores SIGTERM gets SIGKILL after the grace', async () => {
    const { sweep, log, port, exit } = sweepSetup([300]);
    port.advance(1999);
    expect(port.signals.some((s) => s.signal === SIGKILL)).toBe(false);
    port.advance(1);
    expect(port.signals).toContainEqual({ pid: 300, signal: SIGKILL });
    expect(log).toContain('Sending SIGKILL to 1 remaining process...');
    exit(300);
    expect(await sweep).toEqual({ terminated: 1, killed: 1, survivors: 0 });
  });

  it('a process that survives SIGKILL is counted as a survivor after a second grace (README: exit code 4)', async () => {
    const { sweep, log, port } = sweepSetup([400, 401]);
    port.advance(2000);
    port.advance(2000);
    expect(await sweep).toEqual({ terminated: 2, killed: 2, survivors: 2 });
    expect(log.at(-1)).toBe('2 processes still around after SIGKILL, giving up.');
  });
});
