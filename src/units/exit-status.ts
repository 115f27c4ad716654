// Exit status lists (SuccessExitStatus=, RestartPreventExitStatus=, RestartForceExitStatus=):
// "a list of exit status definitions, separated by spaces": numbers 0..255, the symbolic exit
// status names of systemd.exec(5) ("TEMPFAIL", "EXEC"), or signal names (SIGKILL, KILL).
// As config_parse_set_status() does, a word that is none of these is skipped with a warning
// and the others are kept: "1 2 SIGUSR1 FOO 300" is 1, 2 and SIGUSR1.

import type { ExitStatusSet } from './model.js';
import { parseCUnsigned } from './c-integer.js';
import { signalFromString } from './signals.js';
import { extractWord, WordSyntaxError } from './extract-word.js';

/** exit_status_to_string()'s names in systemd 252 (libc, LSB, BSD and systemd's own). */
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
  APPARMOR: 231, ADDRESS_FAMILIES: 232, RUNTIME_DIRECTORY: 233, CHOWN: 235,
  SMACK_PROCESS_LABEL: 236, KEYRING: 237, STATE_DIRECTORY: 238, CACHE_DIRECTORY: 239,
  LOGS_DIRECTORY: 240, CONFIGURATION_DIRECTORY: 241, NUMA_POLICY: 242, CREDENTIALS: 243, BPF: 244,
  EXCEPTION: 255,
};

const NAME_OF = new Map(Object.entries(NAMES).map(([name, code]) => [code, name]));

/** exit_status_to_string(status, EXIT_STATUS_FULL): "FAILURE" for 1, as in "status=1/FAILURE". */
export function exitStatusName(code: number): string | undefined {
  return NAME_OF.get(code);
}

export interface ExitStatusList {
  set: ExitStatusSet;
  /** words that are neither an exit status nor a signal: "Failed to parse value, ignoring: FOO" */
  invalid: string[];
  /** the value could not be split into words; the words before the problem are kept */
  error?: string;
}

/** exit_status_from_string(): a name, or a number 0..255 read like safe_atou8() ("0x10", "010"). */
export function exitStatusFromString(word: string): number | undefined {
  return Object.hasOwn(NAMES, word) ? NAMES[word] : parseCUnsigned(word, 255);
}

export function parseExitStatusSet(value: string): ExitStatusList {
  const list: ExitStatusList = { set: { statuses: [], signals: [] }, invalid: [] };
  const words: string[] = [];
  try {
    for (let w = extractWord(value, 0, {}); w; w = extractWord(value, w.next, {})) words.push(w.word);
  } catch (e) {
    if (!(e instanceof WordSyntaxError)) throw e;
    list.error = e.message;
  }
  for (const word of words) {
    // Numbers are exit statuses first: "15" is status 15, not SIGTERM.
    const status = exitStatusFromString(word);
    if (status !== undefined) {
      if (!list.set.statuses.includes(status)) list.set.statuses.push(status);
      continue;
    }
    const signal = signalFromString(word);
    if (signal !== undefined) {
      if (!list.set.signals.includes(signal)) list.set.signals.push(signal);
    } else list.invalid.push(word);
  }
  return list;
}
