// Whether a pid a service names as its new main process (MAINPID=, PIDFile=) may become it:
// systemd's service_is_suitable_main_pid, plus one rule of tsd's own. tsd signals its units'
// main pids on stop and learns of their end from waitpid: a wrong one would have tsd signal
// itself or a stranger, or wait for an exit it can never see.
import type { ProcessPort } from './port.js';

const ESRCH = 3;

export interface MainPidContext {
  port: ProcessPort;
  /** The unit's control process, never its main one. */
  controlPid: number;
  /** Whether pid is one of the unit's own processes (its sessions, its INVOCATION_ID). */
  belongsToUnit(pid: number): boolean;
  /** systemd accepts a pid outside the unit when a privileged sender (uid 0) names it. */
  trustedSource: boolean;
}

/** Why pid cannot be the unit's main process, in systemd's words where systemd has them; null if it can. */
export function mainPidRefusal(pid: number, context: MainPidContext): string | null {
  const { port } = context;
  if (pid === port.selfPid || pid === 1) return `New main PID ${pid} is the manager, refusing.`;
  if (pid === context.controlPid) return `New main PID ${pid} is the control process, refusing.`;
  const candidate = port.descendants().find((p) => p.pid === pid);
  if (!candidate) {
    if (port.kill(pid, 0) === ESRCH) return `New main PID ${pid} does not exist or is a zombie.`;
    // tsd's difference (README): without cgroups or pidfds, a process that does not descend
    // from tsd never reaches its waitpid, and a subreaper shares the pid space with its host.
    return `New main PID ${pid} is not a descendant of tsd, refusing: tsd could never see it exit.`;
  }
  if (candidate.state === 'Z') return `New main PID ${pid} does not exist or is a zombie.`;
  if (context.trustedSource || context.belongsToUnit(pid)) return null;
  return `New main PID ${pid} does not belong to service, refusing.`;
}
