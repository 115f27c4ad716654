// How a process ended, in systemd's words: what counts as a clean exit, which Service.Result
// an unclean one gives, and the "code=exited, status=1/FAILURE" text of its messages.
import type { ExitInfo } from '../native/core.js';
import type { ExitStatusSet } from '../units/model.js';
import { shortSignalName } from './signal-name.js';
import type { ServiceResult } from './unit-state.js';

/** Exit codes systemd and LSB give names to (systemd.exec(5), "PROCESS EXIT CODES"). */
const EXIT_NAMES: Record<number, string> = {
  0: 'SUCCESS', 1: 'FAILURE', 2: 'INVALIDARGUMENT', 3: 'NOTIMPLEMENTED', 4: 'NOPERMISSION',
  5: 'NOTINSTALLED', 6: 'NOTCONFIGURED', 7: 'NOTRUNNING', 200: 'CHDIR', 201: 'NICE', 202: 'FDS',
  203: 'EXEC', 204: 'MEMORY', 205: 'LIMITS', 206: 'OOM_ADJUST', 207: 'SIGNAL_MASK', 208: 'STDIN',
  209: 'STDOUT', 210: 'CHROOT', 211: 'IOPRIO', 212: 'TIMERSLACK', 213: 'SECUREBITS',
  214: 'SETSCHEDULER', 215: 'CPUAFFINITY', 216: 'GROUP', 217: 'USER', 218: 'CAPABILITIES',
  219: 'CGROUP', 220: 'SETSID', 221: 'CONFIRM', 222: 'STDERR', 224: 'PAM', 225: 'NETWORK',
  226: 'NAMESPACE', 227: 'NO_NEW_PRIVILEGES', 228: 'SECCOMP', 229: 'SELINUX_CONTEXT',
  230: 'PERSONALITY', 231: 'APPARMOR_PROFILE', 232: 'ADDRESS_FAMILIES', 233: 'RUNTIME_DIRECTORY',
  235: 'CHOWN', 236: 'SMACK_PROCESS_LABEL', 237: 'KEYRING', 238: 'STATE_DIRECTORY',
  239: 'CACHE_DIRECTORY', 240: 'LOGS_DIRECTORY', 241: 'CONFIGURATION_DIRECTORY',
  242: 'NUMA_POLICY', 243: 'CREDENTIALS', 245: 'BPF',
};

/** The exit status systemd reports for a setup step that failed in the child. */
export const EXIT_STATUS_FOR_STAGE: Record<string, number> = {
  exec: 203, chdir: 200, setuid: 217, user: 217, setgid: 216, setgroups: 216, group: 216,
  'open-stdio': 209, rlimit: 205, nice: 201, setsid: 220, 'runtime-directory': 233,
};

export function describeExit(info: ExitInfo): string {
  if (info.kind === 'exited') {
    const name = EXIT_NAMES[info.code];
    return `code=exited, status=${info.code}${name ? '/' + name : ''}`;
  }
  return `code=${info.kind}, status=${info.signal}/${shortSignalName(info.signal)}`;
}

const CLEAN_SIGNALS = new Set([1, 2, 15, 13]); // SIGHUP, SIGINT, SIGTERM, SIGPIPE

/** systemd.service(5): exit code 0, or SIGHUP/SIGINT/SIGTERM/SIGPIPE, or SuccessExitStatus=. */
export function isCleanExit(info: ExitInfo, success?: ExitStatusSet): boolean {
  if (info.kind === 'exited') return info.code === 0 || (success?.statuses.includes(info.code) ?? false);
  return CLEAN_SIGNALS.has(info.signal) || (success?.signals.includes(info.signal) ?? false);
}

/** For a command whose failure counts (ExecStartPre=, oneshot ExecStart=): only 0 or SuccessExitStatus=. */
export function isSuccessfulCommandExit(info: ExitInfo, success?: ExitStatusSet): boolean {
  if (info.kind === 'exited') return info.code === 0 || (success?.statuses.includes(info.code) ?? false);
  return success?.signals.includes(info.signal) ?? false;
}

export function resultOfExit(info: ExitInfo): ServiceResult {
  return info.kind === 'exited' ? 'exit-code' : info.kind === 'killed' ? 'signal' : 'core-dump';
}
