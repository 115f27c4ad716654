// How a process ended, in systemd's words: what counts as a clean exit, which Service.Result
// an unclean one gives, and the "code=exited, status=1/FAILURE" text of its messages.
import type { ExitInfo } from '../native/core.js';
import { exitStatusName } from '../units/exit-status.js';
import type { ExitStatusSet } from '../units/model.js';
import { shortSignalName } from './signal-name.js';
import type { ServiceResult } from './unit-state.js';

/** The exit status systemd reports for a setup step that failed in the child. */
export const EXIT_STATUS_FOR_STAGE: Record<string, number> = {
  exec: 203, chdir: 200, setuid: 217, user: 217, setgid: 216, setgroups: 216, group: 216,
  'open-stdio': 209, rlimit: 205, nice: 201, setsid: 220, 'runtime-directory': 233,
};

export function describeExit(info: ExitInfo): string {
  if (info.kind === 'exited') {
    const name = exitStatusName(info.code);
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
