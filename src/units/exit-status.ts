// Exit status lists (SuccessExitStatus=, RestartPreventExitStatus=, RestartForceExitStatus=):
// "a list of exit status definitions, separated by spaces": numbers 0..255, signal names
// (SIGKILL, KILL), or the symbolic exit status names of systemd.exec(5) ("TEMPFAIL", "EXEC").

import type { ExitStatusSet } from './model.js';
import { signalFromString } from './signals.js';

const NAMES: Record<string, number> = {
  SUCCESS: 0, FAILURE: 1, INVALIDARGUMENT: 2, NOTIMPLEMENTED: 3, NOPERMISSION: 4, NOTINSTALLED: 5,
  NOTCONFIGURED: 6, NOTRUNNING: 7,
  USAGE: 64, DATAERR: 65, NOINPUT: 66, NOUSER: 67, NOHOST: 68, UNAVAILABLE: 69, SOFTWARE: 70,
  OSERR: 71, OSFILE: 72, CANTCREAT: 73, IOERR: 74, TEMPFAIL: 75, PROTOCOL: 76, NOPERM: 77, CONFIG: 78,
  CHDIR: 200, NICE: 201, FDS: 202, EXEC: 203, MEMORY: 204, LIMITS: 205, OOM_ADJUST: 206,
  SIGNAL_MASK: 207, STDIN: 208, STDOUT: 209, CHROOT: 210, IOPRIO: 211, TIMERSLACK: 212,
  SECUREBITS: 213, SETSCHEDULER: 214, CPUAFFINITY: 215, GROUP: 216, USER: 217, CAPABILITIES: 218,
  CGROUP: 219, SETSID: 220, CONFIRM: 221, STDERR: 222, PAM: 224, NETWORK: 225, NAMESPACE: 226,
  NO_NEW_PRIVILEGES: 227, SECCOMP: 228, SELINUX_CONTEXT: 229, PERSONALITY: 230,
  APPARMOR_PROFILE: 231, ADDRESS_FAMILIES: 232, RUNTIME_DIRECTORY: 233, CHOWN: 235,
  SMACK_PROCESS_LABEL: 236, KEYRING: 237, STATE_DIRECTORY: 238, CACHE_DIRECTORY: 239,
  LOGS_DIRECTORY: 240, CONFIGURATION_DIRECTORY: 241, NUMA_POLICY: 242, CREDENTIALS: 243, BPF: 245,
};

export function parseExitStatusSet(value: string): ExitStatusSet | undefined {
  const set: ExitStatusSet = { statuses: [], signals: [] };
  for (const word of value.trim().split(/\s+/)) {
    if (word === '') continue;
    if (/^[0-9]+$/.test(word)) {
      const n = Number(word);
      if (n > 255) return undefined;
      set.statuses.push(n);
      continue;
    }
    const sig = signalFromString(word);
    if (sig !== undefined) { set.signals.push(sig); continue; }
    const named = NAMES[word];
    if (named === undefined) return undefined;
    set.statuses.push(named);
  }
  return set;
}
