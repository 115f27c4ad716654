// The end of a shutdown, once every unit stopped: SIGTERM to whatever process is left,
// SIGKILL after a short grace, done the moment nothing is left. Event-driven: every batch of
// reaped children re-checks; the grace timer is the only wait, and only while processes remain.
import type { ProcessPort } from './port.js';

const SIGTERM = 15;
const SIGKILL = 9;
const SIGCONT = 18;

export interface SweepResult {
  terminated: number;
  killed: number;
  survivors: number;
}

export function sweepRemainingProcesses(
  port: ProcessPort,
  onProcessExits: (listener: () => void) => () => void,
  graceMs: number,
  log: (message: string) => void,
): Promise<SweepResult> {
  const alive = () => port.descendants().filter((p) => p.state !== 'Z');
  const first = alive();
  const result: SweepResult = { terminated: first.length, killed: 0, survivors: 0 };
  if (first.length === 0) return Promise.resolve(result);
  log(`Sending SIGTERM to ${first.length} remaining process${first.length === 1 ? '' : 'es'}...`);
  for (const p of first) {
    port.kill(p.pid, SIGTERM);
    port.kill(p.pid, SIGCONT);
  }
  return new Promise((resolve) => {
    let phase: 'term' | 'kill' = 'term';
    let timer = port.setTimer(graceMs, escalate);
    const unsubscribe = onProcessExits(check);
    function finish(survivors: number) {
      unsubscribe();
      timer.cancel();
      result.survivors = survivors;
      resolve(result);
    }
    function check() {
      if (alive().length === 0) finish(0);
    }
    function escalate() {
      const left = alive();
      if (left.length === 0) return finish(0);
      if (phase === 'kill') {
        log(`${left.length} process${left.length === 1 ? '' : 'es'} still around after SIGKILL, giving up.`);
        return finish(left.length);
      }
      phase = 'kill';
      result.killed = left.length;
      log(`Sending SIGKILL to ${left.length} remaining process${left.length === 1 ? '' : 'es'}...`);
      for (const p of left) port.kill(p.pid, SIGKILL);
      timer = port.setTimer(graceMs, escalate);
    }
    check();
  });
}
